import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Astro keeps the content layer's data store between builds (the loader syncs only what
 * changed); a cold build deletes it. `astro build` keeps it in its cacheDir — the site's
 * SITE_CACHE_DIR when set (relative to site/), else node_modules/.astro — and `astro dev`
 * in .astro/data-store.json. Returns what was removed.
 */
export async function clearAstroCache(siteDir: string, siteCacheDir: string | undefined): Promise<string[]> {
  const cacheDir = siteCacheDir ? path.resolve(siteDir, siteCacheDir) : path.join(siteDir, 'node_modules', '.astro');
  const present = [cacheDir, path.join(siteDir, '.astro', 'data-store.json')].filter((candidate) => existsSync(candidate));
  await Promise.all(present.map((candidate) => rm(candidate, { recursive: true, force: true })));
  return present;
}

/**
 * Astro stages a build whose outDir is outside site/ in site/.astro/ and copies whatever it
 * finds there into the release; `astro build` removes the folder when done, the site
 * renderer keeps its server bundle in it. Every build of a release starts without it, so
 * nothing of an earlier build (a manifest under another name) is shipped.
 */
export async function clearAstroStaging(siteDir: string, outDir: string): Promise<void> {
  if (path.resolve(outDir).startsWith(path.resolve(siteDir))) return;
  await rm(path.join(siteDir, '.astro'), { recursive: true, force: true });
}
