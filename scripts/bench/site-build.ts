/**
 * `npm run bench:build -- --articles N [--runs 3]`: seeds N articles into a scratch CMS (its
 * own process), then times cold builds (empty content cache) and warm builds (nothing
 * changed) of the real site, and prints one table of medians with min–max.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureSiteBuilds } from './measure-site-builds.js';
import { startScratchCmsProcess } from './scratch-cms-process.js';
import { formatRange, mebibytes, seconds, table } from './stats.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const articles = Number(values.articles);
const runs = Number(values.runs);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
const cms = await startScratchCmsProcess(articles);
try {
  const results = await measureSiteBuilds(cms, scratch, runs);
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
  cms.stop();
  rmSync(scratch, { recursive: true, force: true });
}
