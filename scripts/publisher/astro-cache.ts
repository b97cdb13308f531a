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
