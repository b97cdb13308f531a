import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledPublishing } from '../../../cms/src/scheduling/run-scheduled-publishing.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = 'api::article.article';
const GALLERY = 'api::photo-gallery.photo-gallery';
// 08:00 on 2 September 2026 in Hanoi.
const AT = new Date('2026-09-02T08:00:00+07:00');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);

/** Scheduled publishing, run with a clock the test controls. */
describe('scheduled publishing', () => {
  let db: TestDatabase;
  let cms: TestStrapi;

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db, { SEED: 'false' });
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    delete process.env.SEED;
  });

  const isPublished = async (uid: typeof ARTICLE | typeof GALLERY, documentId: string) =>
    (await cms.strapi.documents(uid).findOne({ documentId, status: 'published' })) !== null;

  it.each([
    ['an article', ARTICLE],
    ['a gallery', GALLERY],
  ] as const)('publishes %s when its time comes, not before', async (_label, uid) => {
    const draft = await cms.strapi.documents(uid).create({ data: { title: `Thông báo lúc 8 giờ (${uid})`, publishAt: AT.toISOString() } as never });
    expect((await runScheduledPublishing(cms.strapi, minutes(-1))).published).not.toContain(draft.documentId);
    expect(await isPublished(uid, draft.documentId)).toBe(false);

    expect((await runScheduledPublishing(cms.strapi, minutes(0))).published).toContain(draft.documentId);
    expect(await isPublished(uid, draft.documentId)).toBe(true);

    // Acts once: the next run finds nothing to do.
    expect((await runScheduledPublishing(cms.strapi, minutes(1))).published).toEqual([]);
  });

  it('unpublishes an article when its time comes', async () => {
    const doc = await cms.strapi.documents(ARTICLE).create({ status: 'published', data: { title: 'Lịch tiếp dân tháng 9', unpublishAt: minutes(60).toISOString() } as never });
    expect((await runScheduledPublishing(cms.strapi, minutes(59))).unpublished).toEqual([]);
    expect(await isPublished(ARTICLE, doc.documentId)).toBe(true);
    expect((await runScheduledPublishing(cms.strapi, minutes(61))).unpublished).toEqual([doc.documentId]);
    expect(await isPublished(ARTICLE, doc.documentId)).toBe(false);
  });

  it('refuses a schedule that unpublishes before it publishes', async () => {
    const token = await cms.fullAccessToken();
    const response = await rest(`${cms.url}/api/articles`, {
      method: 'POST',
      token,
      body: { data: { title: 'Sai lịch', publishAt: minutes(10).toISOString(), unpublishAt: minutes(5).toISOString() } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['unpublishAt']);
  });
});
