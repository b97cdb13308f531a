import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGAGEMENT_TABLES as T } from '../../cms/src/engagement/engagement-tables.js';
import { connectDatabase } from '../../scripts/engagement/engagement-database.js';
import { createPublicServer } from '../../scripts/publisher/public-server.js';
import { databaseTarget } from '../../scripts/production/database-target.js';
import { publisherDirWithPages, startEngagementProcess, type EngagementProcess } from '../helpers/engagement-process.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const ARTICLE = 'article:attacked1';
const QUESTION = { 'chu-de': 'hanh_chinh', 'cau-hoi': 'Xin hỏi thủ tục đăng ký khai sinh cần giấy tờ gì?' };

/**
 * The engagement service under attack: other origins, forged pages, oversized and malformed
 * bodies, the honeypot, forged and replayed proofs of work, and a flood from one address. The
 * questions go to a stand-in that answers like the CMS (201 with a documentId) and records what
 * reached it: what is attacked here is what the service refuses before the CMS is asked; the
 * CMS's own rules for questions are attacked in tests/adversarial/questions*.
 */
describe('the engagement service refuses', () => {
  let db: TestDatabase;
  let sql: Knex;
  let service: EngagementProcess;
  let cms: Server;
  const delivered: string[] = [];
  let tokenDir: string;

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'User-Agent': BROWSER, 'X-Forwarded-For': '203.0.113.9', Origin: service.url, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const rows = async (table: string) => Number((await sql(table).count({ n: '*' }).first())?.n ?? 0);
  const solved = async () => {
    const challenge = await (await fetch(`${service.url}/tuong-tac/altcha`)).json();
    const solution = await solveChallenge({ challenge, deriveKey });
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  };

  beforeAll(async () => {
    cms = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        delivered.push(body);
        response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: { documentId: `q${delivered.length}` } }));
      });
    });
    await new Promise<void>((resolve) => cms.listen(0, '127.0.0.1', resolve));
    db = sqliteDatabase();
    tokenDir = publisherDirWithPages([{ key: ARTICLE, path: '/tin-tuc/a/', title: 'A', views: 3 }]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${tokenDir}/question-token`, 'stand-in-token\n');
    service = await startEngagementProcess({
      ...db.env,
      PUBLISHER_DIR: tokenDir,
      ENGAGEMENT_FLUSH_MS: '100',
      STRAPI_URL: `http://127.0.0.1:${(cms.address() as AddressInfo).port}`,
      QUESTION_TOKEN_FILE: `${tokenDir}/question-token`,
      QUESTION_LIMIT_PER_HOUR: '3',
      QUESTION_UNVERIFIED_LIMIT_PER_HOUR: '2',
      // A cheap proof of work: the test solves it in Node.
      ALTCHA_COST: '10',
      ALTCHA_MAX_COUNTER: '200',
    });
    sql = connectDatabase(databaseTarget(db.env));
  });

  afterAll(async () => {
    await service?.stop();
    await sql?.destroy();
    await new Promise((resolve) => cms?.close(resolve));
    await db?.drop();
  });

  it.each([
    ['another site', { Origin: 'https://evil.example' }],
    ['a look-alike host', { Origin: 'http://127.0.0.1.evil.example' }],
    ['a cross-site request without Origin', { Origin: '', 'Sec-Fetch-Site': 'cross-site' }],
    ['an opaque origin', { Origin: 'null' }],
  ])('a post from %s, with 403 naming Origin, and stores nothing', async (_who, headers) => {
    const before = await Promise.all([T.ratings, T.seen].map(rows));
    for (const [path, body] of [
      ['/tuong-tac/danh-gia', form({ k: ARTICLE, 'huu-ich': 'co' })],
      ['/tuong-tac/hoi-dap', form(QUESTION)],
      ['/tuong-tac/xem', JSON.stringify({ k: ARTICLE })],
    ] as const) {
      const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
      const response = await fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { 'User-Agent': BROWSER, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...clean },
        body,
      });
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe('Origin');
    }
    expect(await Promise.all([T.ratings, T.seen].map(rows))).toEqual(before);
    expect(delivered).toHaveLength(0);
  });

  it('a preflight from another site, and allows CORS for the site origin only', async () => {
    const evil = await fetch(`${service.url}/tuong-tac/danh-gia`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const site = await fetch(`${service.url}/tuong-tac/danh-gia`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:4321' } });
    expect(site.status).toBe(204);
    expect(site.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
  });

  it.each([
    ['a body over 32 KiB', 'x'.repeat(40 * 1024), 'text/plain', 413],
    ['a beacon that is not JSON', '{"k":', 'text/plain', 400],
    ['a beacon without a key', '{}', 'text/plain', 400],
    ['an XML body', '<k>article:attacked1</k>', 'application/xml', 415],
  ])('%s with a 4xx', async (_what, body, type, status) => {
    const response = await post('/tuong-tac/xem', body, { 'Content-Type': type, Accept: 'application/json' });
    expect(response.status).toBe(status);
  });

  it.each([
    ["an SQL string", "article:x' OR '1'='1"],
    ['a key of a page not in the live release', 'article:notlive99'],
    ['a key of no known type', 'user:1'],
    ['a path instead of a key', '/tin-tuc/a/'],
    ['a very long key', `article:${'a'.repeat(90)}`],
  ])('a beacon with %s: counted nowhere', async (_what, key) => {
    const before = await rows(T.seen);
    expect((await post('/tuong-tac/xem', JSON.stringify({ k: key }), { 'Content-Type': 'text/plain' })).status).toBeLessThan(500);
    await expect.poll(async () => ((await (await fetch(`${service.url}/tuong-tac/trang-thai`)).json()) as { batch: number }).batch).toBe(0);
    expect(await rows(T.seen)).toBe(before);
    expect(await sql(T.pageViews).whereNot({ page_key: ARTICLE }).count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('a filled honeypot, with a 400 naming it, and the CMS is not asked', async () => {
    const response = await post('/tuong-tac/hoi-dap', form({ ...QUESTION, website: 'http://spam.example' }), { 'X-Forwarded-For': '198.51.100.1' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Ô để trống');
    expect(delivered).toHaveLength(0);
  });

  it('a forged and a replayed proof of work, and takes a solved one once', async () => {
    const forged = await post('/tuong-tac/hoi-dap', form({ ...QUESTION, altcha: Buffer.from('{"challenge":{},"solution":{}}').toString('base64') }), {
      'X-Forwarded-For': '198.51.100.2',
      Accept: 'application/json',
    });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { field: string } }).error.field).toBe('altcha');

    const payload = await solved();
    const first = await post('/tuong-tac/hoi-dap', form({ ...QUESTION, altcha: payload }), { 'X-Forwarded-For': '198.51.100.3' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/hoi-dap/da-gui/');
    const replay = await post('/tuong-tac/hoi-dap', form({ ...QUESTION, altcha: payload }), { 'X-Forwarded-For': '198.51.100.4' });
    expect(replay.status).toBe(400);
    expect(delivered).toHaveLength(1);
    // What the CMS receives is text: no markup, no field the form does not have.
    expect(JSON.parse(delivered[0]!)).toEqual({ data: { topic: 'hanh_chinh', question: QUESTION['cau-hoi'], askerName: null, askerEmail: null } });
  });

  it('a flood from one address with 429, while another reader is still served', async () => {
    const flood = await Promise.all(
      Array.from({ length: 200 }, async () => (await post('/tuong-tac/hoi-dap', form(QUESTION), { 'X-Forwarded-For': '192.0.2.66' })).status),
    );
    // The visitor's 3 an hour, or fewer: posts without proof share the unverified budget of 2.
    expect(flood.filter((s) => s === 303).length).toBeLessThanOrEqual(2);
    expect(flood.filter((s) => s === 429).length).toBeGreaterThanOrEqual(198);
    const other = await post('/tuong-tac/hoi-dap', form({ ...QUESTION, altcha: await solved() }), { 'X-Forwarded-For': '192.0.2.77' });
    expect(other.status).toBe(303);
  });

  it('a visitor who writes their own X-Forwarded-For through the public server: it is replaced, so they stay one visitor', async () => {
    const edge = createPublicServer({ publisherDir: tokenDir, imageOrigins: [], engagementUrl: service.url, log: () => {} });
    await new Promise<void>((resolve) => edge.listen(0, '127.0.0.1', resolve));
    const site = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`;
    try {
      const before = Number((await sql(T.pageViews).where({ page_key: ARTICLE }).first('views'))?.views ?? 0);
      for (let i = 0; i < 10; i++) {
        const response = await fetch(`${site}/tuong-tac/xem`, {
          method: 'POST',
          headers: { 'User-Agent': `${BROWSER} spoof-test`, Origin: site, 'Content-Type': 'text/plain', 'X-Forwarded-For': `198.18.0.${i}` },
          body: JSON.stringify({ k: ARTICLE }),
        });
        expect(response.status).toBe(204);
      }
      await expect.poll(async () => ((await (await fetch(`${service.url}/tuong-tac/trang-thai`)).json()) as { batch: number }).batch).toBe(0);
      expect(Number((await sql(T.pageViews).where({ page_key: ARTICLE }).first('views'))?.views ?? 0)).toBe(before + 1);
    } finally {
      await new Promise((resolve) => edge.close(resolve));
    }
  });

  it('markup in a comment, storing it as text', async () => {
    const response = await post('/tuong-tac/danh-gia', form({ k: ARTICLE, 'huu-ich': 'co', 'gop-y': '<img src=x onerror=alert(1)>Rất <i>tốt</i>' }), { 'X-Forwarded-For': '198.51.100.9' });
    expect(response.status).toBe(303);
    expect((await sql(T.ratingComments).orderBy('id', 'desc').first())?.comment).toBe('Rất tốt');
  });
});
