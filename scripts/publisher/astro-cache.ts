import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Astro's transformed images, in its cacheDir. Each is named by its source and the transform,
 * and the CMS names every upload by its content's hash, so a transform is never stale; Astro
 * still revalidates the source when its cache time is over. Re-encoding every photo was most
 * of a cold build (AVIF above all), and would be most of a 15-year archive's.
 */
export const IMAGE_CACHE = 'assets';

/**
 * Astro keeps the content layer's data store between builds (the loader syncs only what
 * changed); a cold build deletes it, and everything else in the cache but the transformed
 * images. `astro build` keeps it in its cacheDir — the site's SITE_CACHE_DIR when set
 * (relative to site/), else node_modules/.astro — and `astro dev` in .astro/data-store.json.
 * Returns what was removed.
 */
export async function clearAstroCache(siteDir: string, siteCacheDir: string | undefined): Promise<string[]> {
  const cacheDir = siteCacheDir ? path.resolve(siteDir, siteCacheDir) : path.join(siteDir, 'node_modules', '.astro');
  const cached = (await readdir(cacheDir).catch(() => [])).filter((name) => name !== IMAGE_CACHE).map((name) => path.join(cacheDir, name));
  const present = [...cached, path.join(siteDir, '.astro', 'data-store.json')].filter((candidate) => existsSync(candidate));
  await Promise.all(present.map((candidate) => rm(candidate, { recursive: true, force: true })));
  return present;
}

/**
 * Where Astro stages a build whose outDir is outside site/ (its getOutDirWithinCwd, run from
 * site/): site/.astro/, copied into the release at the end. `undefined` when Astro writes
 * into outDir directly.
 */
export function astroStagingDir(siteDir: string, outDir: string): string | undefined {
  return path.resolve(outDir).startsWith(path.resolve(siteDir)) ? undefined : path.join(siteDir, '.astro');
}

/**
 * `astro build` removes its staging when done; the site renderer keeps its server bundle in
 * it. Every build of a release starts without it, so nothing of an earlier build (a manifest
 * under another name) is shipped.
 */
export async function clearAstroStaging(siteDir: string, outDir: string): Promise<void> {
  const staging = astroStagingDir(siteDir, outDir);
  if (staging) await rm(staging, { recursive: true, force: true });
}
