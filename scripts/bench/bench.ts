/**
 * `npm run bench [-- --quick] [--sizes 1000,10000] [--documents 0] [--runs 3] [--edits 3]`: every figure of
 * the portal's speed in one run on this machine, side by side with Hugo building the same
 * content. For each size: a scratch CMS (its own process) with N generated articles; cold
 * and warm site builds; the same articles exported to Markdown and built by Hugo; publish-
 * to-live of edited articles through the real webhook; the weight of the home and an
 * article page and their Lighthouse scores, served by the publisher as the public gets them.
 * `--documents N` adds N generated Văn bản to each size's CMS (default none, so figures stay
 * comparable with earlier runs). Prints the tables; saves JSON, Markdown and an SVG chart to bench-results/.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { entryPath, SITE_PATHS } from '../../cms/src/content-model/urls.js';
import { freePort } from '../lib/free-port.js';
import { repoRoot } from '../lib/paths.js';
import { DEFAULT_DEBOUNCE_MS } from '../publisher/config.js';
import { startLocalPublisher, type LocalPublisher } from '../publisher/local-publisher.js';
import { incrementalSteps } from './build-steps.js';
import { lineChart } from './chart.js';
import { exportToHugo } from './hugo/export-markdown.js';
import { ensureHugo, hugoBuild } from './hugo/hugo-build.js';
import { countPages, measureSiteBuilds, type BuildKind, type BuildRuns } from './measure-site-builds.js';
import { measurePublishToLive } from './measure-publish-to-live.js';
import { measureSiteWideChange } from './measure-site-wide-change.js';
import { CATEGORIES, lighthouseScores, type Scores } from './lighthouse-scores.js';
import { pageWeight, type PageWeight } from './page-weight.js';
import { startScratchCmsProcess } from './scratch-cms-process.js';
import { formatRange, mebibytes, percentile, seconds, summary, table } from './stats.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '3' },
    edits: { type: 'string', default: '3' },
    documents: { type: 'string', default: '0' },
  },
});
const sizes = values.quick ? [1000] : values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const edits = Number(values.edits);
const documents = Number(values.documents);
if (!Number.isInteger(documents) || documents < 0) throw new Error(`--documents must be a whole number, not ${values.documents}`);

interface SizeResult {
  articles: number;
  pages: number;
  builds: Record<BuildKind, BuildRuns>;
  hugo: { wall: number[]; rss: number[]; pages: number };
  publishToLive: number[];
  /** The same edits, released incrementally. */
  incremental: number[];
  /** Where the incremental releases' time went, per step of their build logs. */
  incrementalSteps: Record<string, number[]>;
  /** The slogan edited in the site settings, every page released again. */
  siteWide: number[];
  siteWideSteps: Record<string, number[]>;
  weight: { home: PageWeight; article: PageWeight };
  lighthouse: Record<'home' | 'article', Scores>;
}

const hugoVersion = ensureHugo();
const results: SizeResult[] = [];
for (const articles of sizes) {
  process.stderr.write(`\n== ${articles} articles ==\n`);
  const secret = randomBytes(16).toString('hex');
  const hooksPort = await freePort();
  const cms = await startScratchCmsProcess(articles, { REBUILD_SECRET: secret, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi` }, documents);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
  try {
    const builds = await measureSiteBuilds(cms, workDir, runs);
    const release = path.join(workDir, 'out-cold');
    const first = (await (await fetch(`${cms.url}/api/${CONTENT_TYPES.article.restPath}?sort[0]=postedAt:desc&pagination[pageSize]=1`, { headers: { Authorization: `Bearer ${cms.token}` } })).json()) as {
      data: { slug: string }[];
    };
    const weight = { home: pageWeight(release, ''), article: pageWeight(release, entryPath(CONTENT_TYPES.article, first.data[0]!.slug)) };

    const contentDir = path.join(workDir, 'hugo-content');
    await exportToHugo(cms, contentDir);
    const hugo = { wall: [] as number[], rss: [] as number[], pages: 0 };
    for (let run = 0; run < runs; run += 1) {
      const built = await hugoBuild(contentDir, workDir);
      hugo.wall.push(built.wall);
      hugo.rss.push(built.rss);
      hugo.pages = countPages(built.outDir);
      process.stderr.write(`hugo build: ${seconds(built.wall)}, ${hugo.pages} pages\n`);
    }

    const publishWith = async (fullBuildEveryMs: number | undefined, then?: (live: LocalPublisher) => Promise<void>) => {
      const live = await startLocalPublisher({
        cms: () => ({ strapiUrl: cms.url, strapiToken: cms.token }),
        secret,
        hooksPort,
        timing: { debounceMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: 30_000, buildTimeoutMs: 3_600_000, keepReleases: 2 },
        fullBuildEveryMs,
      });
      try {
        const times = await measurePublishToLive(cms, live, secret, edits);
        await then?.(live);
        return times;
      } finally {
        await live.stop();
      }
    };
    process.stderr.write('publish-to-live, full builds:\n');
    const publishToLive = await publishWith(0);
    process.stderr.write('publish-to-live, incremental builds:\n');
    let scores: Record<string, Scores> = {};
    let steps: Record<string, number[]> = {};
    let siteWide: number[] = [];
    let siteWideSteps: Record<string, number[]> = {};
    const incremental = await publishWith(undefined, async (live) => {
      steps = incrementalSteps(live.publisherDir);
      // Lighthouse measures the server at rest, not while pruned releases are being deleted.
      await live.publisher.store.settled();
      scores = await lighthouseScores({ home: `${live.siteUrl}${SITE_PATHS.home}`, article: `${live.siteUrl}${entryPath(CONTENT_TYPES.article, first.data[0]!.slug)}` }, runs);
      process.stderr.write('site-wide change (the slogan in the settings), incremental builds:\n');
      siteWide = await measureSiteWideChange(cms, live, edits);
      siteWideSteps = Object.fromEntries(Object.entries(incrementalSteps(live.publisherDir)).map(([step, ms]) => [step, ms.slice(steps[step]?.length ?? 0)]));
    });
    results.push({
      articles,
      pages: builds.cold.pages.at(-1)!,
      builds,
      hugo,
      publishToLive,
      incremental,
      incrementalSteps: steps,
      siteWide,
      siteWideSteps,
      weight,
      lighthouse: { home: scores.home!, article: scores.article! },
    });
  } finally {
    cms.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

const median = (list: number[]) => summary(list).median;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const rows = results.flatMap((r) => {
  const cold = r.builds.cold;
  const pagesPerSecond = (b: BuildRuns) => b.wall.map((w, i) => (b.pages[i]! / w) * 1000);
  const at = `${r.articles.toLocaleString('en')}`;
  return [
    [at, 'first build, no cache: every image transformed (ours)', formatRange(r.builds.first.wall, seconds), formatRange(r.builds.first.rss, mebibytes), formatRange(pagesPerSecond(r.builds.first), (n) => n.toFixed(0)), formatRange(r.builds.first.requests, String)],
    [at, 'cold build: no content cache, images kept (ours)', formatRange(cold.wall, seconds), formatRange(cold.rss, mebibytes), formatRange(pagesPerSecond(cold), (n) => n.toFixed(0)), formatRange(cold.requests, String)],
    [at, 'warm build, no change (ours)', formatRange(r.builds.warm.wall, seconds), formatRange(r.builds.warm.rss, mebibytes), formatRange(pagesPerSecond(r.builds.warm), (n) => n.toFixed(0)), formatRange(r.builds.warm.requests, String)],
    [at, `Hugo, same articles (${r.hugo.pages} pages)`, formatRange(r.hugo.wall, seconds), formatRange(r.hugo.rss, mebibytes), formatRange(r.hugo.wall.map((w) => (r.hugo.pages / w) * 1000), (n) => n.toFixed(0)), '—'],
    [at, 'cold build ours / Hugo', `× ${(median(cold.wall) / median(r.hugo.wall)).toFixed(1)}`, '', '', ''],
    [at, `publish-to-live, full build, ${r.publishToLive.length} edits (p50 / p95)`, `${seconds(median(r.publishToLive))} / ${seconds(percentile(r.publishToLive, 0.95))}`, '', '', ''],
    [at, `publish-to-live, incremental, ${r.incremental.length} edits (p50 / p95)`, `${seconds(median(r.incremental))} / ${seconds(percentile(r.incremental, 0.95))}`, '', '', ''],
    [at, 'incremental publish-to-live / Hugo build', `× ${(median(r.incremental) / median(r.hugo.wall)).toFixed(1)}`, '', '', ''],
    [at, `site-wide change, publish-to-live, ${r.siteWide.length} edits (p50 / p95)`, `${seconds(median(r.siteWide))} / ${seconds(percentile(r.siteWide, 0.95))}`, '', '', ''],
    [at, 'site-wide change / Hugo build', `× ${(median(r.siteWide) / median(r.hugo.wall)).toFixed(1)}`, '', '', ''],
  ];
});
const weights = results.map((r) => [
  r.articles.toLocaleString('en'),
  kib(r.weight.home.htmlCssGzip),
  kib(r.weight.home.jsGzip),
  String(r.weight.home.requests),
  kib(r.weight.article.htmlCssGzip),
  kib(r.weight.article.jsGzip),
  String(r.weight.article.requests),
]);
const lighthouseRows = results.flatMap((r) =>
  (['home', 'article'] as const).map((page) => [r.articles.toLocaleString('en'), page, ...CATEGORIES.map((c) => formatRange(r.lighthouse[page][c], String))]),
);
const stepName = (step: string) => (step === 'link live release' ? `${step} (the spare made ahead, or linked beside astro)` : step);
const stepRows = results.flatMap((r) =>
  Object.entries(r.incrementalSteps).map(([step, ms]) => [r.articles.toLocaleString('en'), stepName(step), formatRange(ms, (n) => `${(n / 1000).toFixed(2)} s`), ms.length && r.siteWideSteps[step]?.length ? formatRange(r.siteWideSteps[step]!, (n) => `${(n / 1000).toFixed(2)} s`) : '—']),
);
const heading = `Portal benchmark, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${hugoVersion.split(' ').slice(0, 2).join(' ')}${documents ? `; ${documents.toLocaleString('en')} generated Văn bản at each size` : ''}; medians of ${runs} runs (min–max), pages = ${results.map((r) => `${r.pages} at ${r.articles}`).join(', ')}`;
const mainTable = table(['articles', 'what', 'wall', 'peak RSS', 'pages/s', 'loader requests'], rows);
const weightTable = table(['articles', 'home HTML+CSS gz', 'home JS gz', 'home requests', 'article HTML+CSS gz', 'article JS gz', 'article requests'], weights);
const lighthouseTable = table(['articles', 'page', ...CATEGORIES], lighthouseRows);
const stepTable = table(['articles', 'incremental release step', 'one article', 'site-wide change'], stepRows);
const report = `${heading}\n\n${mainTable}\n\nWhere an incremental release's time goes (its build log; after the debounce, before the swap)\n\n${stepTable}\n\nPage weight (requests: the page, its CSS and JS, images not lazy-loaded)\n\n${weightTable}\n\nLighthouse 12.2.3, mobile (simulated slow 4G), through the publisher's public server\n\n${lighthouseTable}\n`;
console.log(`\n${report}`);

const outDir = path.join(repoRoot, 'bench-results');
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(path.join(outDir, `bench-${stamp}.json`), `${JSON.stringify({ heading, machine: { cores: os.cpus().length, node: process.version, hugo: hugoVersion }, results }, null, 2)}\n`);
writeFileSync(path.join(outDir, `bench-${stamp}.md`), report);
const chart = lineChart('Build and publish-to-live time against article count', [
  { name: 'cold build (ours)', color: '#a50e0e', points: results.map((r) => [r.articles, median(r.builds.cold.wall) / 1000]) },
  { name: 'warm build (ours)', color: '#e07b00', points: results.map((r) => [r.articles, median(r.builds.warm.wall) / 1000]) },
  { name: 'publish-to-live p50, full build', color: '#0b4fd6', points: results.map((r) => [r.articles, median(r.publishToLive) / 1000]) },
  { name: 'publish-to-live p50, incremental', color: '#1a7f37', points: results.map((r) => [r.articles, median(r.incremental) / 1000]) },
  { name: 'site-wide change p50', color: '#7a3db8', points: results.map((r) => [r.articles, median(r.siteWide) / 1000]) },
  { name: 'Hugo build', color: '#333333', dashed: true, points: results.map((r) => [r.articles, median(r.hugo.wall) / 1000]) },
]);
writeFileSync(path.join(outDir, `bench-${stamp}.svg`), chart);
console.log(`\nSaved bench-results/bench-${stamp}.{json,md,svg}`);
