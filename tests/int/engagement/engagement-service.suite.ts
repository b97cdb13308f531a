import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGAGEMENT_TABLES as T, vietnamDay } from '../../../cms/src/engagement/engagement-tables.js';
import { connectDatabase } from '../../../scripts/engagement/engagement-database.js';
import { databaseTarget } from '../../../scripts/production/database-target.js';
import { publisherDirWithPages, startEngagementProcess, type EngagementProcess } from '../../helpers/engagement-process.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = 'article:sample2021';
const PROCEDURE = 'procedure:birth01';
const PAGES = [
  { key: ARTICLE, path: '/tin-tuc/hoi-nghi-2021/', title: 'Hội nghị tổng kết', views: 825 },
  { key: 'legal-document:doc42', path: '/van-ban/42-qd-ubnd/', title: 'Quyết định 42', views: 0 },
  { key: PROCEDURE, path: '/thu-tuc-hanh-chinh/dang-ky-khai-sinh/', title: 'Đăng ký khai sinh' },
];
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** A reader's browser: its address (through the proxy's X-Forwarded-For) and User-Agent. */
const reader = (address: string, agent = BROWSER) => ({ 'X-Forwarded-For': address, 'User-Agent': agent });

/** The engagement service as `npm start` runs it, on one database: views, live counts, ratings, two instances. */
export function engagementServiceSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let sql: Knex;
  let dir: string;
  let service: EngagementProcess;
  const env = () => ({ ...db.env, PUBLISHER_DIR: dir, ENGAGEMENT_FLUSH_MS: '100' });

  const beacon = (svc: EngagementProcess, key: string, headers: Record<string, string>) =>
    fetch(`${svc.url}/tuong-tac/xem`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8', Origin: svc.url }, body: JSON.stringify({ k: key }) });
  const live = async (svc: EngagementProcess, key: string) =>
    ((await (await fetch(`${svc.url}/tuong-tac/luot-xem?k=${encodeURIComponent(key)}`)).json()) as { views: number }).views;
  const stored = async (key: string) => Number((await sql(T.pageViews).where({ page_key: key }).first('views'))?.views ?? 0);
  const flushed = (svc: EngagementProcess) =>
    expect.poll(async () => ((await (await fetch(`${svc.url}/tuong-tac/trang-thai`)).json()) as { batch: number }).batch, { timeout: 5000 }).toBe(0);
  const rate = (svc: EngagementProcess, headers: Record<string, string>, fields: Record<string, string>, json = false) =>
    fetch(`${svc.url}/tuong-tac/danh-gia`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, Origin: svc.url, ...(json ? { Accept: 'application/json' } : {}) },
      body: new URLSearchParams(fields),
    });

  beforeAll(async () => {
    db = await createTestDatabase(client);
    dir = publisherDirWithPages(PAGES);
    service = await startEngagementProcess(env());
    sql = connectDatabase(databaseTarget(db.env));
  });

  afterAll(async () => {
    await service?.stop();
    await sql?.destroy();
    await db?.drop();
  });

  describe('view counts', () => {
    it('counts a view once per visitor, page and day: a reload does not count, another reader does', async () => {
      expect((await beacon(service, ARTICLE, reader('203.0.113.10'))).status).toBe(204);
      // The reader's own view shows at once, before any flush.
      expect(await live(service, ARTICLE)).toBe(826);
      await flushed(service);
      expect(await stored(ARTICLE)).toBe(1);

      await beacon(service, ARTICLE, reader('203.0.113.10'));
      expect(await live(service, ARTICLE)).toBe(826);
      await beacon(service, ARTICLE, reader('203.0.113.10', PHONE));
      await beacon(service, ARTICLE, reader('198.51.100.7'));
      await flushed(service);
      expect(await stored(ARTICLE)).toBe(3);
      expect(await live(service, ARTICLE)).toBe(828);
      const today = await sql(T.dailyViews).where({ page_key: ARTICLE, day: vietnamDay() }).first('views');
      expect(Number(today?.views)).toBe(3);
    });

    it.each([
      ['a search engine', { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }],
      ['a script with no User-Agent', { 'User-Agent': '' }],
      ['curl', { 'User-Agent': 'curl/8.5.0' }],
    ])('does not count %s', async (_who, headers) => {
      const before = await stored(ARTICLE);
      expect((await beacon(service, ARTICLE, { 'X-Forwarded-For': '192.0.2.55', ...headers })).status).toBe(204);
      await flushed(service);
      expect(await stored(ARTICLE)).toBe(before);
    });

    it('counts a reader without JavaScript through the <noscript> image', async () => {
      const response = await fetch(`${service.url}/tuong-tac/xem.gif?k=${encodeURIComponent('legal-document:doc42')}`, { headers: reader('203.0.113.20') });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/gif');
      expect(response.headers.get('cache-control')).toBe('no-store');
      await flushed(service);
      expect(await stored('legal-document:doc42')).toBe(1);
    });

    it('counts no page that the live release does not list, nor a procedure (rated, not counted)', async () => {
      for (const key of ['article:notInRelease', PROCEDURE]) {
        expect((await beacon(service, key, reader('203.0.113.30'))).status).toBe(204);
      }
      await flushed(service);
      expect(await stored('article:notInRelease')).toBe(0);
      expect(await stored(PROCEDURE)).toBe(0);
      expect((await fetch(`${service.url}/tuong-tac/luot-xem?k=article:notInRelease`)).status).toBe(404);
    });

    it('stores no address or User-Agent, only a hash that is deleted with its day', async () => {
      const rows = await sql(T.seen).select('*');
      expect(rows.length).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      for (const leaked of ['203.0.113.10', '198.51.100.7', 'Chrome', 'iPhone']) expect(text).not.toContain(leaked);
      for (const row of rows) expect(row.visitor).toMatch(/^[A-Za-z0-9_-]{32}$/);
    });

    it('writes what is in memory when stopped, and loses at most one batch when killed', async () => {
      // A long flush interval: the views stay in memory until the process ends.
      const slow = await startEngagementProcess({ ...env(), ENGAGEMENT_FLUSH_MS: '5000' });
      const before = await stored(ARTICLE);
      for (let i = 0; i < 20; i++) await beacon(slow, ARTICLE, reader(`10.1.0.${i}`));
      await slow.stop();
      expect(await stored(ARTICLE)).toBe(before + 20);

      const crashing = await startEngagementProcess({ ...env(), ENGAGEMENT_FLUSH_MS: '5000' });
      for (let i = 0; i < 20; i++) await beacon(crashing, ARTICLE, reader(`10.2.0.${i}`));
      await crashing.kill();
      // SIGKILL before the first flush: the 20 views of that batch (under 5 s of traffic) are lost, nothing else.
      expect(await stored(ARTICLE)).toBe(before + 20);
    });
  });

  describe('the satisfaction rating', () => {
    it('thanks a form post with a 303 and keeps the rating without the visitor, the comment as text', async () => {
      const response = await rate(service, reader('203.0.113.40'), { k: PROCEDURE, 'huu-ich': 'khong', 'ly-do': 'thieu-thong-tin', 'gop-y': 'Cần ghi rõ <b>lệ phí</b><script>alert(1)</script>' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/danh-gia/cam-on/');
      const rating = await sql(T.ratings).where({ page_key: PROCEDURE }).first();
      expect(rating).toMatchObject({ content_type: 'procedure', document_id: 'birth01', reason: 'thieu-thong-tin', month: vietnamDay().slice(0, 7) });
      expect(Boolean(rating.useful)).toBe(false);
      expect(Object.keys(rating)).not.toContain('visitor');
      const comment = await sql(T.ratingComments).where({ rating_id: rating.id }).first();
      expect(comment).toMatchObject({ comment: 'Cần ghi rõ lệ phí', status: 'new' });
    });

    it('takes one vote per visitor, page and day; the second is thanked as a duplicate and not stored', async () => {
      const first = await rate(service, reader('203.0.113.41'), { k: ARTICLE, 'huu-ich': 'co' }, true);
      expect(await first.json()).toEqual({ ok: true });
      const again = await rate(service, reader('203.0.113.41'), { k: ARTICLE, 'huu-ich': 'khong' }, true);
      expect(await again.json()).toEqual({ ok: true, duplicate: true });
      expect(await sql(T.ratings).where({ page_key: ARTICLE }).count({ n: '*' }).first()).toEqual({ n: client === 'postgres' ? '1' : 1 });
    });

    it.each([
      [{ k: ARTICLE }, 'huu-ich'],
      [{ k: ARTICLE, 'huu-ich': 'maybe' }, 'huu-ich'],
      [{ k: ARTICLE, 'huu-ich': 'co', 'ly-do': 'vi-thich' }, 'ly-do'],
      [{ k: ARTICLE, 'huu-ich': 'co', 'gop-y': 'x'.repeat(501) }, 'gop-y'],
      [{ k: 'photo-gallery:nope', 'huu-ich': 'co' }, 'k'],
      [{ 'huu-ich': 'co' }, 'k'],
    ])('refuses %j with a 400 naming %s', async (fields, field) => {
      const response = await rate(service, reader('203.0.113.42'), fields as Record<string, string>, true);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
      const page = await rate(service, reader('203.0.113.42'), fields as Record<string, string>);
      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toContain('text/html');
    });
  });

  describe('two instances on one database', () => {
    it('count a reader once and take one vote, whichever instance each request reaches', async () => {
      const second = await startEngagementProcess(env());
      try {
        const key = 'legal-document:doc42';
        const before = await stored(key);
        const readers = Array.from({ length: 30 }, (_, i) => reader(`172.16.0.${i}`));
        // Every reader hits both instances, twice.
        await Promise.all(readers.flatMap((headers) => [service, second, service, second].map((svc) => beacon(svc, key, headers))));
        await Promise.all([flushed(service), flushed(second)]);
        expect(await stored(key)).toBe(before + 30);
        const votes = await Promise.all([service, second].map((svc) => rate(svc, reader('172.16.1.1'), { k: key, 'huu-ich': 'co' }, true).then((r) => r.json())));
        expect(votes.filter((v) => (v as { duplicate?: boolean }).duplicate)).toHaveLength(1);
      } finally {
        await second.stop();
      }
    });
  });
}
