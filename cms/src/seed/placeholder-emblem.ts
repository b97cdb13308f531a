import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { PlaceholderFile } from './placeholder-image';

/** Points of a five-pointed star centred at (cx, cy). */
function star(cx: number, cy: number, outer: number, inner: number): string {
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${(cx + r * Math.cos(angle)).toFixed(1)},${(cy + r * Math.sin(angle)).toFixed(1)}`;
  }).join(' ');
}

/**
 * The sample's emblem: a red disc with a gold star, drawn here and labelled as an
 * illustration, so no one takes it for the State emblem itself. A PNG, since an emblem
 * sits on the header's colour and needs its transparent corners.
 */
export async function placeholderEmblem(name: string): Promise<PlaceholderFile> {
  const size = 256;
  const c = size / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <circle cx="${c}" cy="${c}" r="${c - 4}" fill="#f2c200"/>
  <circle cx="${c}" cy="${c}" r="${c - 20}" fill="#c8102e"/>
  <polygon points="${star(c, c - 12, 62, 25)}" fill="#f2c200"/>
  <text x="50%" y="${size - 48}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="20" font-weight="bold" fill="#ffffff">MINH HỌA</text>
</svg>`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-seed-'));
  const filepath = path.join(dir, `${name}.png`);
  await sharp(Buffer.from(svg)).png().toFile(filepath);
  return { filepath, originalFilename: `${name}.png`, mimetype: 'image/png', size: statSync(filepath).size };
}
