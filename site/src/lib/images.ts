import { getImage } from 'astro:assets';
import type { Image } from './schemas';

/** JPEG for photographs; PNG where the original may need transparency (logos, diagrams). */
export function fallbackFormat(image: Image): 'png' | 'jpg' {
  return image.mime === 'image/png' || image.mime === 'image/svg+xml' ? 'png' : 'jpg';
}

/**
 * The requested widths capped at the original's width: Astro cannot see a remote
 * original's size, so without this it would upscale small uploads.
 */
export function fitWidths(image: Image, widths: readonly number[]): { widths: number[]; width: number; height: number } {
  const width = Math.min(image.width, Math.max(...widths));
  return {
    widths: [...new Set([...widths.filter((w) => w < width), width])],
    width,
    height: Math.round((width * image.height) / image.width),
  };
}

/** The emblem as a PNG of at most 256px built into dist: the JSON-LD logo, which search engines fetch without reaching Strapi. */
export async function logoUrl(image: Image): Promise<string> {
  const { width, height } = fitWidths(image, [256]);
  return (await getImage({ src: image.url, width, height, format: 'png' })).src;
}

/** A 1200px JPEG built into dist for og:image: social networks fetch it without reaching Strapi. */
export async function shareImageUrl(image: Image): Promise<string> {
  const { width, height } = fitWidths(image, [1200]);
  return (await getImage({ src: image.url, width, height, format: 'jpg' })).src;
}
