import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { countingProxy } from '../lib/counting-proxy.js';
import { buildSite } from '../publisher/build-site.js';
import { samplePeakRss } from './peak-rss.js';
import { seconds } from './stats.js';

export interface BuildRuns {
  wall: number[];
  rss: number[];
  pages: number[];
  requests: number[];
}

export function countPages(dir: string): number {
  let pages = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) pages += countPages(full);
    else if (name.endsWith('.html')) pages += 1;
  }
  return pages;
}

export type BuildKind = 'first' | 'cold' | 'warm';

/**
 * The first build (no cache at all: every image transformed), then cold builds (the
 * publisher's clear_cache: no content cache, the transformed images kept) and warm builds
 * (nothing changed) of the real site against a CMS, alternating, `runs` of each. The last
 * cold release is kept in `workDir/out-cold`.
 */
export async function measureSiteBuilds(cms: { url: string; token: string }, workDir: string, runs: number): Promise<Record<BuildKind, BuildRuns>> {
  const proxy = await countingProxy(cms.url);
  const cacheDir = path.join(workDir, 'cache');
  const previousCache = process.env.SITE_CACHE_DIR;
  process.env.SITE_CACHE_DIR = cacheDir;
  const runsOf = (): BuildRuns => ({ wall: [], rss: [], pages: [], requests: [] });
  const results: Record<BuildKind, BuildRuns> = { first: runsOf(), cold: runsOf(), warm: runsOf() };
  rmSync(cacheDir, { recursive: true, force: true });
  try {
    const kinds: BuildKind[] = ['first', ...Array.from({ length: runs }, () => ['cold', 'warm'] as const).flat()];
    for (const kind of kinds) {
      const outDir = path.join(workDir, `out-${kind}`);
      rmSync(outDir, { recursive: true, force: true });
      proxy.reset();
      const sampler = samplePeakRss();
      const start = performance.now();
      await buildSite(outDir, { strapiUrl: proxy.url, strapiToken: cms.token, clearCache: kind === 'cold', log: new PassThrough().resume() });
      const r = results[kind];
      r.wall.push(performance.now() - start);
      r.rss.push(sampler.stop());
      r.pages.push(countPages(outDir));
      r.requests.push(proxy.apiRequests().length);
      process.stderr.write(`${kind} build: ${seconds(r.wall.at(-1)!)}, ${r.pages.at(-1)} pages, ${r.requests.at(-1)} requests\n`);
    }
    return results;
  } finally {
    if (previousCache === undefined) delete process.env.SITE_CACHE_DIR;
    else process.env.SITE_CACHE_DIR = previousCache;
    await proxy.close();
  }
}
