import path from 'node:path';

/** Names that change meaning with every release, so browsers must revalidate them (ETag makes that cheap). */
const revalidated = new Set(['.html', '.xml', '.json', '.csv', '.webmanifest']);

/**
 * `/_astro/*` carries a content hash in its name, so it never changes; pages, feeds,
 * pagefind's entry point and the open data sets (/du-lieu-mo/*.json, *.csv) must show a new
 * release at once; the rest (images under their own names, robots.txt) may be a few minutes
 * stale. `filePath` is the served file's path in the release, with a leading slash
 * (`/tin-tuc/index.html` for `/tin-tuc/`).
 */
export function cacheControl(filePath: string): string {
  if (filePath.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  if (revalidated.has(path.extname(filePath).toLowerCase())) return 'no-cache';
  return 'public, max-age=300';
}
