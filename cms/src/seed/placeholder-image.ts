import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export interface PlaceholderFile {
  filepath: string;
  originalFilename: string;
  mimetype: string;
  size: number;
}

/**
 * The sample photos are not part of the seed text, so each is drawn here and visibly
 * marked as a placeholder: nothing is downloaded and no one mistakes it for the real photo.
 */
export async function placeholderImage(name: string, label: string, hue: number): Promise<PlaceholderFile> {
  const width = 1600;
  const height = 1000;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},55%,38%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,22%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <rect x="60" y="60" width="${width - 120}" height="${height - 120}" fill="none" stroke="#f2c200" stroke-width="8" stroke-dasharray="40 24"/>
  <text x="50%" y="44%" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="96" font-weight="bold" fill="#ffffff">ẢNH GIỮ CHỖ</text>
  <text x="50%" y="56%" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="40" fill="#ffe9a3">${escapeXml(label)}</text>
</svg>`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-seed-'));
  const filepath = path.join(dir, `${name}.jpg`);
  await sharp(Buffer.from(svg)).jpeg({ quality: 80, mozjpeg: true }).toFile(filepath);
  return { filepath, originalFilename: `${name}.jpg`, mimetype: 'image/jpeg', size: statSync(filepath).size };
}
