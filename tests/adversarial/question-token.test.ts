import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const QUESTION = 'api::question.question';

/**
 * The question token, the only public-facing credential that writes: whatever spelling, method,
 * query or body it tries, it files one draft question with the citizen's fields, and nothing else.
 */
describe('the question token under attack', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  const marker = () => `Câu hỏi tấn công ${Math.floor(Math.random() * 1e9)}`;
  // Status only: some refusals (405) are not JSON.
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${cms.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${cms.questionToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const filed = (question: string) => cms.strapi.db.query(QUESTION).findMany({ where: { question } });

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it.each([
    ['?status=published', '/api/questions?status=published'],
    ['a doubled slash', '/api//questions'],
    ['a trailing slash', '/api/questions/'],
    ['?publicationState=live', '/api/questions?publicationState=live'],
  ])('files only a draft through %s, whatever the body says of answers and dates', async (_how, path) => {
    const question = marker();
    const answer = await send('POST', path, {
      data: { topic: 'khac', question, answer: 'Đã trả lời (giả)', answeringUnit: 'Kẻ tấn công', answeredAt: '2026-01-01', publishedAt: '2026-01-01T00:00:00.000Z', slug: 'gui-cau-hoi', askerNotifiedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect([201, 400, 404, 405]).toContain(answer.status);
    const rows = await filed(question);
    for (const row of rows) {
      expect(row.publishedAt).toBeNull();
      expect(row).toMatchObject({ answer: null, answeringUnit: null, answeredAt: null, askerNotifiedAt: null });
      expect(row.slug).not.toBe('gui-cau-hoi');
    }
    expect(rows.length).toBeLessThanOrEqual(1);
    if (answer.status === 201) expect(rows).toHaveLength(1);
  });

  it.each([
    ['PUT', '/api/site-setting', { data: { siteName: 'Trang giả' } }],
    ['POST', '/api/redirects', { data: { from: '/a/', to: 'https://evil.example/', code: 301 } }],
    ['POST', '/api/attendees', { data: { fullName: 'Người giả' } }],
    ['POST', '/api/upload', undefined],
    ['GET', '/api/users', undefined],
    ['GET', '/api/engagement/site-data', undefined],
    ['POST', '/api/questions/actions/publish', { data: {} }],
  ])('refuses %s %s', async (method, path, body) => {
    expect([401, 403, 404, 405]).toContain((await send(method, path, body)).status);
  });
});
