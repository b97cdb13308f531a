/**
 * `npm run bench:publish -- --articles 10000 --edits 7 [--session 8]`: incremental publish-to-live
 * alone, side by side with Hugo building the same articles in the same run, and where each
 * release's time went; then an editing session (measure-editing-session.ts): uploads, draft
 * saves, publishes and a settings edit every fourth round, interleaved as a newsroom works. The part of `npm run bench` that issue 7 is about, without its cold and full
 * builds (at 10,000 articles a first release with every file compressed takes minutes on two
 * cores). `--cms <file>` reuses a scratch CMS already seeded (the `{url, token, writeToken}`
 * line scripts/bench/scratch-cms.ts prints, its webhook pointed at `--hooks-port`). `--logs <dir>`
 * keeps the releases' build logs there.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEBOUNCE_MS } from '../publisher/config.js';
import { startLocalPublisher } from '../publisher/local-publisher.js';
import { incrementalSteps } from './build-steps.js';
import { exportToHugo } from './hugo/export-markdown.js';
import { ensureHugo, hugoBuild } from './hugo/hugo-build.js';
import { measureEditingSession, type EditingSession } from './measure-editing-session.js';
import { measurePublishToLive } from './measure-publish-to-live.js';
import { startScratchCmsProcess } from './scratch-cms-process.js';
import { formatRange, percentile, seconds, summary, table } from './stats.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    edits: { type: 'string', default: '7' },
    session: { type: 'string', default: '8' },
    'hugo-runs': { type: 'string', default: '3' },
    cms: { type: 'string' },
    'hooks-port': { type: 'string', default: '4999' },
    logs: { type: 'string' },
    secret: { type: 'string', default: 'benchsecret' },
  },
});
const hooksPort = Number(values['hooks-port']);
const secret = values.cms ? values.secret : randomBytes(16).toString('hex');
const hugoVersion = ensureHugo();
const scratch = values.cms
  ? undefined
  : await startScratchCmsProcess(Number(values.articles), { REBUILD_SECRET: secret, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi` });
const cms = scratch ?? (JSON.parse(readFileSync(values.cms!, 'utf8').trim().split('\n').at(-1)!) as { url: string; token: string; writeToken: string });
const workDir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
try {
  const live = await startLocalPublisher({
    cms: () => ({ strapiUrl: cms.url, strapiToken: cms.token }),
    secret,
    hooksPort,
    timing: { debounceMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: 30_000, buildTimeoutMs: 3_600_000, keepReleases: 2 },
  });
  let times: number[];
  let steps: Record<string, number[]>;
  let session: EditingSession;
  try {
    times = await measurePublishToLive(cms, live, secret, Number(values.edits));
    steps = incrementalSteps(live.publisherDir);
    session = await measureEditingSession(cms, live, Number(values.session));
    if (values.logs) cpSync(path.join(live.publisherDir, 'publisher', 'logs'), values.logs, { recursive: true });
  } finally {
    await live.stop();
  }
  const contentDir = path.join(workDir, 'hugo-content');
  await exportToHugo(cms, contentDir);
  const hugo: number[] = [];
  for (let run = 0; run < Number(values['hugo-runs']); run += 1) hugo.push((await hugoBuild(contentDir, workDir)).wall);

  const median = (list: number[]) => summary(list).median;
  const heading = `Publish-to-live, ${new Date().toISOString().slice(0, 16)}Z: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${hugoVersion.split(' ').slice(0, 2).join(' ')}; ${values.articles} articles`;
  const rows = [
    [`publish-to-live, incremental, ${times.length} edits (p50 / p95)`, `${seconds(median(times))} / ${seconds(percentile(times, 0.95))}`],
    [`Hugo, same articles, ${hugo.length} builds (median, min–max)`, formatRange(hugo, seconds)],
    ['incremental publish-to-live / Hugo build', `× ${(median(times) / median(hugo)).toFixed(2)}`],
    [
      `editing session: ${session.uploads} uploads, ${session.draftSaves} draft saves, ${session.publishes.length} publishes (p50 / p95)`,
      `${seconds(median(session.publishes))} / ${seconds(percentile(session.publishes, 0.95))}`,
    ],
    [`editing session: ${session.siteWide.length} settings edits (p50 / max)`, session.siteWide.length ? `${seconds(median(session.siteWide))} / ${seconds(Math.max(...session.siteWide))}` : '—'],
    ['editing session: builds full / incremental / media events only', `${session.builds.full} / ${session.builds.incremental} / ${session.builds.mediaOnly}`],
  ];
  const stepRows = Object.entries(steps).map(([step, ms]) => [step, formatRange(ms, (n) => `${(n / 1000).toFixed(2)} s`)]);
  console.log(`\n${heading}\n\n${table(['what', 'time'], rows)}\n\nWhere an incremental release's time goes (medians, min–max)\n\n${table(['step', 'time'], stepRows)}\n`);
} finally {
  scratch?.stop();
  rmSync(workDir, { recursive: true, force: true });
}
