/**
 * `npm run bench:build -- --articles N [--runs 3]`: seeds N articles into a scratch CMS (its
 * own process), then times cold builds (empty content cache) and warm builds (nothing
 * changed) of the real site, and prints one table of medians with min–max.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PassThrough } from 'node:stream';
import { countingProxy } from '../lib/counting-proxy.js';
import { buildSite } from '../publisher/build-site.js';
import { samplePeakRss } from './peak-rss.js';
import { startScratchCmsProcess } from './scratch-cms-process.js';
import { formatRange, mebibytes, seconds, table } from './stats.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const articles = Number(values.articles);
const runs = Number(values.runs);

function countPages(dir: string): number {
  let pages = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) pages += countPages(full);
    else if (name.endsWith('.html')) pages += 1;
  }
  return pages;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
const ready = await startScratchCmsProcess(articles);
const proxy = await countingProxy(ready.url);
try {
  const cacheDir = path.join(scratch, 'cache');
  process.env.SITE_CACHE_DIR = cacheDir;
  const results: Record<'cold' | 'warm', { wall: number[]; rss: number[]; pages: number[]; requests: number[] }> = {
    cold: { wall: [], rss: [], pages: [], requests: [] },
    warm: { wall: [], rss: [], pages: [], requests: [] },
  };

  async function measure(kind: 'cold' | 'warm') {
    if (kind === 'cold') rmSync(cacheDir, { recursive: true, force: true });
    const outDir = path.join(scratch, `out-${kind}`);
    rmSync(outDir, { recursive: true, force: true });
    proxy.reset();
    const sampler = samplePeakRss();
    const start = performance.now();
    await buildSite(outDir, { strapiUrl: proxy.url, strapiToken: ready.token, log: new PassThrough().resume() });
    const wall = performance.now() - start;
    const r = results[kind];
    r.wall.push(wall);
    r.rss.push(sampler.stop());
    r.pages.push(countPages(outDir));
    r.requests.push(proxy.apiRequests().length);
    process.stderr.write(`${kind} build: ${seconds(wall)}, ${r.pages.at(-1)} pages, ${r.requests.at(-1)} requests\n`);
  }

  for (let run = 0; run < runs; run += 1) {
    await measure('cold');
    await measure('warm');
  }

  const rows = (['cold', 'warm'] as const).map((kind) => {
    const r = results[kind];
    return [
      kind,
      formatRange(r.wall, seconds),
      formatRange(r.rss, mebibytes),
      formatRange(r.wall.map((w, i) => (r.pages[i]! / w) * 1000), (n) => n.toFixed(0)),
      formatRange(r.requests, (n) => String(n)),
    ];
  });
  console.log(`\nSite build, ${articles} articles (+ the sample), ${runs} runs each, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log(table(['build', 'wall', 'peak RSS (sampled)', 'pages/s', 'loader requests'], rows));
} finally {
  await proxy.close();
  ready.stop();
  rmSync(scratch, { recursive: true, force: true });
}
