import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { repoRoot } from '../lib/paths.js';
import { clearAstroCache } from './astro-cache.js';
import { runProcess } from './run-process.js';

export interface BuildSiteOptions {
  strapiUrl: string;
  strapiToken: string;
  /** Where the Astro project is; the repo's site/ by default. */
  siteDir?: string;
  /** Delete Astro's content cache first (a cold build). */
  clearCache?: boolean;
  /** Aborting kills the build's process group. */
  signal?: AbortSignal;
  /** Receives the build's output; the publisher's log file. */
  log?: Writable;
}

/** npm workspaces hoist the binaries to the root; a site-local install wins when present. */
function binary(siteDir: string, name: string): string {
  const local = path.join(siteDir, 'node_modules', '.bin', name);
  return existsSync(local) ? local : path.join(repoRoot, 'node_modules', '.bin', name);
}

/** The real build: `astro build --outDir <releaseDir>` from site/, then pagefind's index over it. */
export async function buildSite(releaseDir: string, options: BuildSiteOptions): Promise<void> {
  const siteDir = options.siteDir ?? path.join(repoRoot, 'site');
  const output = options.log ?? process.stdout;
  if (options.clearCache) {
    const removed = await clearAstroCache(siteDir, process.env.SITE_CACHE_DIR);
    output.write(`cold build: removed ${removed.length ? removed.join(', ') : 'nothing (no cache yet)'}\n`);
  }
  const env = { ...process.env, STRAPI_URL: options.strapiUrl, STRAPI_TOKEN: options.strapiToken, SITE_OUT_DIR: releaseDir };
  const common = { cwd: siteDir, env, output, signal: options.signal };
  await runProcess(binary(siteDir, 'astro'), ['build', '--outDir', releaseDir], { ...common, label: 'astro build' });
  await runProcess(binary(siteDir, 'pagefind'), ['--site', releaseDir], { ...common, label: 'pagefind' });
}
