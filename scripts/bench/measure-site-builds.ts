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

/**
 * Cold builds (empty content cache) and warm builds (nothing changed) of the real site
 * against a CMS, alternating, `runs` of each. The last cold release is kept in `workDir/out-cold`.
 */
export async function measureSiteBuilds(cms: { url: string; token: string }, workDir: string, runs: number): Promise<Record<'cold' | 'warm', BuildRuns>> {
  const proxy = await countingProxy(cms.url);
  const cacheDir = path.join(workDir, 'cache');
  const previousCache = process.env.SITE_CACHE_DIR;
  process.env.SITE_CACHE_DIR = cacheDir;
  const results: Record<'cold' | 'warm', BuildRuns> = { cold: { wall: [], rss: [], pages: [], requests: [] }, warm: { wall: [], rss: [], pages: [], requests: [] } };
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const kind of ['cold', 'warm'] as const) {
        if (kind === 'cold') rmSync(cacheDir, { recursive: true, force: true });
        const outDir = path.join(workDir, `out-${kind}`);
        rmSync(outDir, { recursive: true, force: true });
        proxy.reset();
        const sampler = samplePeakRss();
        const start = performance.now();
        await buildSite(outDir, { strapiUrl: proxy.url, strapiToken: cms.token, log: new PassThrough().resume() });
        const r = results[kind];
        r.wall.push(performance.now() - start);
        r.rss.push(sampler.stop());
        r.pages.push(countPages(outDir));
        r.requests.push(proxy.apiRequests().length);
        process.stderr.write(`${kind} build: ${seconds(r.wall.at(-1)!)}, ${r.pages.at(-1)} pages, ${r.requests.at(-1)} requests\n`);
      }
    }
    return results;
  } finally {
    if (previousCache === undefined) delete process.env.SITE_CACHE_DIR;
    else process.env.SITE_CACHE_DIR = previousCache;
    await proxy.close();
  }
}
