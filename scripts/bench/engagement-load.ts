/**
 * The engagement service under load (issue 21, "Load, measured"), with autocannon: view beacons
 * through the publisher's public server as `npm start` runs it, the public site's p99 alone and
 * beside them, a flood of question posts from one address, and two instances behind nginx on
 * one PostgreSQL. Prints Markdown tables; `--out` writes them.
 *
 *   npm run bench:engagement -- [--client sqlite|postgres|both] [--seconds 15] [--connections 50] [--repeat 5] [--generator-nice 10] [--out file.md]
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Knex } from 'knex';
import { z } from 'zod';
import { ENGAGEMENT_TABLES as T } from '../../cms/src/engagement/engagement-tables.js';
import { publisherDirWithPages, startEngagementProcess, TEST_ENGAGEMENT_SECRET, type EngagementProcess } from '../../tests/helpers/engagement-process.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../tests/helpers/test-database.js';
import { runNginx, nginxBinary } from '../../tests/int/production/support/nginx.js';
import { connectDatabase } from '../engagement/engagement-database.js';
import { visitorHasher } from '../engagement/visitor-hash.js';
import { databaseTarget } from '../production/database-target.js';
import { BROWSER, startBeaconGenerator, type BeaconOutcome, type Sent } from './beacon-generator-process.js';
import { startPageProbeProcess } from './page-probe-process.js';
import { startPublicServerProcess } from './public-server-process.js';
import { formatRange, percentile, summary, table } from './stats.js';

const { values } = parseArgs({
  options: {
    client: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    repeat: { type: 'string', default: '5' },
    'generator-nice': { type: 'string', default: '10' },
    out: { type: 'string' },
  },
});
const options = z
  .object({
    client: z.enum(['sqlite', 'postgres', 'both']),
    seconds: z.coerce.number().int().min(1),
    connections: z.coerce.number().int().min(1),
    repeat: z.coerce.number().int().min(1),
    'generator-nice': z.coerce.number().int().min(0).max(19),
    out: z.string().optional(),
  })
  .parse(values);
const clients: DatabaseClient[] = options.client === 'both' ? ['sqlite', 'postgres'] : [options.client];

const PAGES = 200;
const TARGET_RATE = 2000;
const FLOOD_POSTS = 10_000;
const PAGE_PROBE_RATE = 100;
const QUESTION = { 'chu-de': 'hanh_chinh', 'cau-hoi': 'Xin hỏi thủ tục đăng ký khai sinh cần giấy tờ gì?' };
const keys = Array.from({ length: PAGES }, (_, i) => `article:bench${String(i).padStart(4, '0')}`);
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const signed = (n: number) => (n < 0 ? `−${int(-n)}` : `+${int(n)}`);
const hash = visitorHasher(TEST_ENGAGEMENT_SECRET);

/** A small static release: one HTML page per article, and the manifest the site build writes. */
function scratchRelease(): string {
  const dir = publisherDirWithPages(keys.map((key, i) => ({ key, path: `/tin-tuc/bai-${i}/`, title: `Bài ${i}`, views: 0 })));
  const release = realpathSync(path.join(dir, 'current'));
  const paragraph = '<p>Ủy ban nhân dân quận tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội.</p>\n';
  keys.forEach((key, i) => {
    mkdirSync(path.join(release, 'tin-tuc', `bai-${i}`), { recursive: true });
    const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài ${i}</title></head><body><h1>Bài ${i}</h1>${paragraph.repeat(60)}<script>navigator.sendBeacon('/tuong-tac/xem', JSON.stringify({k:'${key}'}))</script></body></html>`;
    writeFileSync(path.join(release, 'tin-tuc', `bai-${i}`, 'index.html'), html.normalize('NFC'));
  });
  writeFileSync(path.join(dir, 'question-token'), 'stand-in-token\n');
  return dir;
}

/** Stands in for the CMS's POST /api/questions (201 with a documentId): the bench measures the service, not Strapi. */
async function standInCms(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: { documentId: `q${received}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const generator = startBeaconGenerator(options['generator-nice']);
let nextVisitor = 0;

/** Beacons for `seconds`, each from a new visitor, on the 200 pages in turn. */
async function beacons(base: string, seconds: number, connections: number, seenAs: 'peer' | 'forwarded', overallRate?: number): Promise<BeaconOutcome> {
  const outcome = await generator.ask({ base, seconds, connections, seenAs, overallRate, keys, firstVisitor: nextVisitor });
  nextVisitor = outcome.nextVisitor;
  return outcome;
}

const pageReader = startPageProbeProcess();
/** The sample page at a light, fixed rate: what a reader of the site waits for. */
const pageProbe = (base: string, seconds: number) => pageReader.ask({ url: base, path: '/tin-tuc/bai-7/', seconds, rate: PAGE_PROBE_RATE });
/** The service flushes its batch every 2 s: "alone" starts after the last turn's flush, not during it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));

/** The page's p99 alone and beside beacons at the target rate, `repeat` times in alternating turns, through one front server. */
async function pageBesideBeacons(front: string, seenAs: 'peer' | 'forwarded') {
  const turns: Array<{ alone: number; beside: number; ratio: number; run: BeaconOutcome }> = [];
  // A second of warm-up first, so "alone" is not the first requests of a cold process.
  await pageProbe(front, 1);
  for (let turn = 0; turn < options.repeat; turn += 1) {
    await settle();
    const alone = (await pageProbe(front, options.seconds)).p99;
    const [run, page] = await Promise.all([beacons(front, options.seconds, options.connections, seenAs, TARGET_RATE), pageProbe(front, options.seconds)]);
    turns.push({ alone, beside: page.p99, ratio: page.p99 / Math.max(alone, 0.1), run });
  }
  return turns;
}

const times = (n: number) => `×${n.toFixed(2)}`;

/**
 * nginx in front of the service's instances, proxying /tuong-tac/ as the production template does
 * (keepalive upstream, X-Forwarded-For appended); with `root`, it also serves the release's files
 * like production, else every other path is a plain 200.
 */
const benchNginx = (services: string[], root?: string) => (port: number) =>
  [
    `upstream bench_engagement { ${services.map((s) => `server ${new URL(s).host};`).join(' ')} keepalive 64; }`,
    'server {',
    `  listen 127.0.0.1:${port};`,
    ...(root ? [`  root ${root};`, '  location / { try_files $uri $uri/index.html =404; }'] : ['  location / { return 200 "ok"; }']),
    '  location /tuong-tac/ {',
    '    proxy_pass http://bench_engagement;',
    '    proxy_http_version 1.1;',
    '    proxy_set_header Connection "";',
    '    proxy_set_header Host $http_host;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '  }',
    '}',
  ].join('\n');

/** Answered beacons whose visitor is not in engagement_seen (a view answered but never stored), and the stored total. */
async function lostOf(sql: Knex, sent: Sent[], before = 0): Promise<{ lost: number; stored: number; seenRows: number }> {
  const seen = new Set((await sql(T.seen).where({ kind: 'view' }).select('page_key', 'visitor')).map((row: { visitor: string }) => row.visitor));
  const lost = sent.filter((s) => !seen.has(hash(s.address, s.agent).visitor)).length;
  const stored = Number((await sql(T.pageViews).sum({ n: 'views' }).first())?.n ?? 0) - before;
  return { lost, stored, seenRows: seen.size };
}

async function solvedAltcha(base: string): Promise<string> {
  const challenge = await (await fetch(`${base}/tuong-tac/altcha`)).json();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postForm = (base: string, route: string, fields: Record<string, string>, address: string, agent = BROWSER('real')) =>
  fetch(`${base}${route}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'User-Agent': agent, 'X-Forwarded-For': address },
    body: form(fields),
  });

interface ClientFigures {
  beaconRows: string[][];
  pageRows: string[][];
  fullRow: string[];
  floodRow: string[];
  scaleRows: string[][];
}

async function measure(client: DatabaseClient): Promise<ClientFigures> {
  const db: TestDatabase = await createTestDatabase(client);
  const dir = scratchRelease();
  const cms = await standInCms();
  const stops: Array<() => Promise<unknown> | unknown> = [];
  const serviceEnv = {
    ...db.env,
    PUBLISHER_DIR: dir,
    STRAPI_URL: cms.url,
    QUESTION_TOKEN_FILE: path.join(dir, 'question-token'),
    // A cheap proof of work, so the bench solves one in milliseconds; the service's check is the same code.
    ALTCHA_COST: '10',
    ALTCHA_MAX_COUNTER: '200',
  };
  let sql: Knex | undefined;
  try {
    const service: EngagementProcess = await startEngagementProcess(serviceEnv);
    stops.push(() => service.stop());
    const site = await startPublicServerProcess(dir, service.url);
    stops.push(() => site.stop());
    sql = connectDatabase(databaseTarget(db.env));
    console.log(`\n${client}: service ${service.url}, public server ${site.url}`);

    // (1) Beacons at full speed, with the page probe beside them; then (2) the page alone and beside beacons at the
    // target rate, in alternating turns, through the public server, then through nginx serving the same release.
    await pageProbe(site.url, 1);
    const [full, pageUnderFull] = await Promise.all([beacons(site.url, options.seconds, options.connections, 'peer'), pageProbe(site.url, options.seconds)]);
    console.log(`  beacons at full speed: ${int(full.rate)}/s`);
    const publicTurns = await pageBesideBeacons(site.url, 'peer');
    console.log(`  public server, page p99 beside ${TARGET_RATE}/s: ${publicTurns.map((t) => times(t.ratio)).join(' ')}`);
    const frontTurns: Array<{ front: string; turns: typeof publicTurns }> = [{ front: "`npm start`'s public server (Node)", turns: publicTurns }];
    if (nginxBinary) {
      const front = await runNginx(path.join(dir, 'nginx-static'), benchNginx([service.url], realpathSync(path.join(dir, 'current'))));
      stops.push(() => front.stop());
      const nginxTurns = await pageBesideBeacons(`http://127.0.0.1:${front.port}`, 'forwarded');
      front.stop();
      console.log(`  nginx, page p99 beside ${TARGET_RATE}/s: ${nginxTurns.map((t) => times(t.ratio)).join(' ')}`);
      frontTurns.push({ front: 'nginx (static files, proxy to the service)', turns: nginxTurns });
    }
    const targetRuns = publicTurns.map((t) => t.run);

    // (3) A flood of question posts from one address, straight to the service with X-Forwarded-For as nginx passes it
    // (the public server puts its own peer there, which on loopback is every client's).
    const realPayload = await solvedAltcha(service.url);
    const realBeacons: Array<{ status: number; ms: number }> = [];
    const floodReaders: Sent[] = [];
    let real: { status: number; ms: number } | undefined;
    let flooding = true;
    const floodStarted = performance.now();
    const floodRun = autocannon({
      url: service.url,
      connections: 10,
      amount: FLOOD_POSTS,
      requests: [
        {
          method: 'POST',
          path: '/tuong-tac/hoi-dap',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: service.url, 'User-Agent': BROWSER('flood'), 'X-Forwarded-For': '203.0.113.66' },
          body: form(QUESTION),
        },
      ],
    });
    const visitors = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      let n = 0;
      while (flooding) {
        const started = performance.now();
        const reader: Sent = { address: `198.51.100.${(n % 250) + 1}`, agent: BROWSER(`other-${n++}`) };
        const response = await fetch(`${service.url}/tuong-tac/xem`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: service.url, 'User-Agent': reader.agent, 'X-Forwarded-For': reader.address },
          body: JSON.stringify({ k: keys[0] }),
        });
        realBeacons.push({ status: response.status, ms: performance.now() - started });
        if (response.ok) floodReaders.push(reader);
        if (!real) {
          const asked = performance.now();
          const answer = await postForm(service.url, '/tuong-tac/hoi-dap', { ...QUESTION, altcha: realPayload }, '192.0.2.10');
          real = { status: answer.status, ms: performance.now() - asked };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const flood = await floodRun;
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    flooding = false;
    await visitors;
    const codes = flood.statusCodeStats ?? {};
    const count = (code: string) => codes[code as `${number}`]?.count ?? 0;
    const beaconStatuses = [...new Set(realBeacons.map((b) => b.status))].join(', ');
    const floodRow = [
      client,
      int(flood.requests.sent),
      `${int(floodSeconds)} s (${int(flood.requests.sent / floodSeconds)}/s)`,
      int(count('303')),
      int(count('429')),
      int(flood.non2xx - count('303') - count('429') + flood.errors),
      real ? `${real.status} in ${ms(real.ms)}` : 'none',
      `${realBeacons.length} × ${beaconStatuses}, p99 ${ms(percentile(realBeacons.map((b) => b.ms), 0.99))}`,
      String(cms.received()),
    ];

    // SIGTERM: the service flushes its batch, then every answered beacon must be in the database.
    await service.stop();
    const targetSent = targetRuns.flatMap((run) => run.sent);
    const sent = [...full.sent, ...frontTurns.flatMap((f) => f.turns.flatMap((t) => t.run.sent)), ...floodReaders];
    const check = await lostOf(sql, sent);
    const fullLost = await lostOf(sql, full.sent);
    const targetLost = await lostOf(sql, targetSent);
    const extra = check.stored - sent.length;
    const beaconRows = [
      [
        client,
        `${options.connections} connections, full speed`,
        int(full.rate),
        ms(full.p50),
        ms(full.p99),
        int(full.sent.length),
        int(full.failed),
        String(fullLost.lost),
      ],
      [
        client,
        `${options.connections} connections, ${int(TARGET_RATE)}/s (median of ${targetRuns.length})`,
        int(summary(targetRuns.map((r) => r.rate)).median),
        ms(summary(targetRuns.map((r) => r.p50)).median),
        formatRange(targetRuns.map((r) => r.p99), ms),
        int(targetSent.length),
        int(targetRuns.reduce((n, r) => n + r.failed, 0)),
        String(targetLost.lost),
      ],
    ];
    console.log(`  stored ${int(check.stored)} views for ${int(sent.length)} answered beacons (${extra} in flight at a stop), lost ${check.lost}`);
    const pageRows = frontTurns.map(({ front, turns }) => [
      client,
      front,
      String(turns.length),
      formatRange(turns.map((t) => t.alone), ms),
      formatRange(turns.map((t) => t.beside), ms),
      formatRange(turns.map((t) => t.ratio), times),
      turns.map((t) => times(t.ratio)).join(' '),
    ]);
    const fullRow = [client, ms(pageUnderFull.p99), `${int(check.stored)} = ${int(sent.length)} + ${extra}`];

    // (4) Two instances behind nginx on one PostgreSQL.
    const scaleRows: string[][] = [];
    if (client === 'postgres' && nginxBinary) {
      const before = check.stored;
      const a = await startEngagementProcess(serviceEnv);
      stops.push(() => a.stop());
      const b = await startEngagementProcess(serviceEnv);
      stops.push(() => b.stop());
      const proxy = await runNginx(path.join(dir, 'nginx'), benchNginx([a.url, b.url]));
      stops.push(() => proxy.stop());
      const nginxUrl = `http://127.0.0.1:${proxy.port}`;
      const spread = await beacons(nginxUrl, options.seconds, options.connections, 'forwarded');
      console.log(`  two instances behind nginx: ${int(spread.rate)}/s`);

      // One visitor votes 20 times and asks 10 questions, alternately on each instance, at once.
      const voter = '192.0.2.44';
      const votes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const instance = [a, b][i % 2]!;
          return fetch(`${instance.url}/tuong-tac/danh-gia`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Origin: instance.url, 'User-Agent': BROWSER('voter'), 'X-Forwarded-For': voter },
            body: form({ k: keys[1]!, 'huu-ich': i % 3 ? 'co' : 'khong' }),
          }).then(async (r) => ({ status: r.status, ...((await r.json()) as { ok?: boolean; duplicate?: boolean }) }));
        }),
      );
      const taken = votes.filter((v) => v.status === 200 && v.ok && !v.duplicate).length;
      const duplicates = votes.filter((v) => v.status === 200 && v.duplicate).length;
      const asks = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const instance = [a, b][i % 2]!;
          return (await postForm(instance.url, '/tuong-tac/hoi-dap', { ...QUESTION, altcha: await solvedAltcha(instance.url) }, voter, BROWSER('voter'))).status;
        }),
      );
      await Promise.all([a.stop(), b.stop()]);
      proxy.stop();
      const spreadCheck = await lostOf(sql, spread.sent, before);
      // What the instances said about their flushes explains a loss; nothing is printed when there is none.
      for (const [name, instance] of [['A', a], ['B', b]] as const) {
        const failures = instance.output().split('\n').filter((line) => /fail|error/i.test(line));
        if (failures.length) console.log(`  instance ${name}: ${failures.length} flush failures, e.g. ${failures.slice(-2).join(' | ')}`);
      }
      const ratings = Number((await sql(T.ratings).where({ page_key: keys[1] }).count({ n: '*' }).first())?.n ?? 0);
      scaleRows.push([
        '2 instances, nginx, PostgreSQL',
        int(spread.rate),
        ms(spread.p50),
        ms(spread.p99),
        int(spread.sent.length),
        `${int(spreadCheck.stored)} (${signed(spreadCheck.stored - spread.sent.length)} vs answered)`,
        String(spreadCheck.lost),
        `${taken} taken, ${duplicates} duplicate, ${20 - taken - duplicates} refused; ${ratings} stored`,
        `${asks.filter((s) => s === 303).length} taken, ${asks.filter((s) => s === 429).length} × 429`,
      ]);
    }
    return { beaconRows, pageRows, fullRow, floodRow, scaleRows };
  } finally {
    for (const stop of stops.reverse()) await stop();
    await sql?.destroy();
    await cms.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const figures: ClientFigures[] = [];
for (const client of clients) figures.push(await measure(client));

const beaconTable = table(
  ['database', 'load', 'events/s', 'p50', 'p99', 'answered 2xx', 'non-2xx + errors', 'lost after SIGTERM'],
  figures.flatMap((f) => f.beaconRows),
);
const pageTable = table(
  ['database', 'front', 'turns', `page p99 alone (${PAGE_PROBE_RATE}/s)`, `p99 beside ${int(TARGET_RATE)} beacons/s`, 'ratio', 'ratio per turn'],
  figures.flatMap((f) => f.pageRows),
);
const fullTable = table(['database', 'page p99 beside full-speed beacons (public server)', 'views stored = answered + in flight at the stop'], figures.map((f) => f.fullRow));
const floodTable = table(
  ['database', 'posts from one address', 'took', '303 taken', '429', 'other', 'a real visitor\'s question (another address, with the proof of work)', 'other readers\' beacons meanwhile', 'questions that reached the stand-in CMS'],
  figures.map((f) => f.floodRow),
);
const scaleRows = figures.flatMap((f) => f.scaleRows);
const scaleTable = scaleRows.length
  ? table(['setup', 'events/s', 'p50', 'p99', 'answered 2xx', 'views stored', 'lost', 'one visitor, 20 votes on both', '10 questions, one visitor, both'], scaleRows)
  : '(not measured: needs PostgreSQL and nginx)';

const report = [
  `## View beacons through the public server (${options.seconds} s each, ${PAGES} pages, every beacon a new visitor)\n\n${beaconTable}`,
  `## The public site's page, alone and beside ${int(TARGET_RATE)} beacons/s (${options.seconds} s each, median (min–max) of the turns)\n\n${pageTable}\n\n${fullTable}`,
  `## Flood: ${int(FLOOD_POSTS)} question posts from one address (questions go to a stand-in for the CMS answering 201)\n\n${floodTable}`,
  `## Scale-out: two instances behind nginx on one PostgreSQL\n\n${scaleTable}`,
].join('\n\n');
console.log(`\n${report}`);
if (options.out) writeFileSync(options.out, `${report}\n`);
pageReader.stop();
generator.stop();
process.exit(0);
