import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { entryPath } from '../../../cms/src/content-model/urls.js';
import type { StoredRedirect } from '../../../cms/src/redirects/redirect-entries.js';
import { runScheduledPublishing } from '../../../cms/src/scheduling/run-scheduled-publishing.js';
import { adminLogin, createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const { article, photoGallery, legalDocument, documentType, category, resolutionTask, redirect } = CONTENT_TYPES;
const CM = '/content-manager';
const EDITOR = 'bientap.chuyenhuong@hbt.example.vn';
const ALLOWED = 'dichvucong.gov.vn';

interface Stored extends Omit<StoredRedirect, 'documentId'> {
  title: string | null;
  reason: string | null;
  firstPublishedAt: string | null;
  withdrawnAt: string | null;
}

/**
 * Issue 20 §3 in the CMS: a published slug change leaves a 301, chains collapse, a slug changed
 * back does not loop, an unpublished or deleted article, document or gallery leaves a 410 with
 * what the withdrawn page shows, and a page published again takes its path back; on every
 * write path (the admin, REST, a script, the scheduler). Manual redirects are normalised and
 * checked, and a loop is refused.
 */
export function redirectsSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let editor: string;
  let decision: string;

  /** Every redirect, as [from, to, code], in path order: what the site will answer. */
  const table = async () =>
    ((await cms.strapi.db.query(redirect.uid as never).findMany({ orderBy: { from: 'asc' } })) as Stored[]).map((r) => [r.from, r.to, r.code] as const);
  const redirectFrom = async (from: string) => (await cms.strapi.db.query(redirect.uid as never).findOne({ where: { from } })) as Stored | null;
  /** The redirects a test made: those under its own paths. */
  const under = async (prefix: string) => (await table()).filter(([from]) => from.startsWith(prefix));

  const cmAction = (uid: string, documentId: string, verb: 'publish' | 'unpublish') =>
    rest(`${cms.url}${CM}/collection-types/${uid}/${documentId}/actions/${verb}`, { method: 'POST', token: editor, body: {} });
  const cmUpdate = (uid: string, documentId: string, data: Record<string, unknown>) =>
    rest(`${cms.url}${CM}/collection-types/${uid}/${documentId}`, { method: 'PUT', token: editor, body: data });
  const ok = (answer: { status: number; body: unknown }, status = 200) => expect(answer.status, JSON.stringify(answer.body)).toBe(status);

  const publishedArticle = async (slug: string, extra: Record<string, unknown> = {}) => {
    const answer = await rest(`${cms.url}/api/articles?status=published`, { method: 'POST', token, body: { data: { title: `Dữ liệu kiểm thử: ${slug}`, slug, ...extra } } });
    ok(answer, 201);
    return answer.body.data.documentId as string;
  };
  const path = (slug: string) => entryPath(article, slug);

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db, { SEED: 'false', REDIRECT_ALLOWED_HOSTS: ALLOWED });
    token = await cms.fullAccessToken();
    await createAdminUser(cms, { code: 'strapi-editor', email: EDITOR });
    editor = await adminLogin(cms, EDITOR);
    decision = (await cms.strapi.documents(documentType.uid).create({ data: { name: 'Quyết định' } as never })).documentId;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    delete process.env.SEED;
    delete process.env.REDIRECT_ALLOWED_HOSTS;
  });

  describe("an article's slug, changed and published again", () => {
    let id: string;
    let publishing: [number, number];

    beforeAll(async () => {
      const start = Date.now();
      id = await publishedArticle('doi-duong-dan-a');
      publishing = [start, Date.now()];
    });

    // Each step: how the new slug is saved and published, and the table after it, under /tin-tuc/doi-duong-dan-.
    const STEPS: [step: string, save: (slug: string) => Promise<void>, slug: string, expected: [string, string | null, number][]][] = [
      [
        'a draft save changes nothing public',
        async (slug) => ok(await cmUpdate(article.uid, id, { slug })),
        'doi-duong-dan-b',
        [],
      ],
      [
        'published in the admin: the old path answers 301 to the new',
        async () => ok(await cmAction(article.uid, id, 'publish')),
        'doi-duong-dan-b',
        [[path('doi-duong-dan-a'), path('doi-duong-dan-b'), 301]],
      ],
      [
        'changed again over REST: the chain collapses, A→C and B→C',
        async (slug) => ok(await rest(`${cms.url}/api/articles/${id}?status=published`, { method: 'PUT', token, body: { data: { slug } } })),
        'doi-duong-dan-c',
        [
          [path('doi-duong-dan-a'), path('doi-duong-dan-c'), 301],
          [path('doi-duong-dan-b'), path('doi-duong-dan-c'), 301],
        ],
      ],
      [
        'changed back to A by a script: no loop, the redirect from the live path is gone',
        async (slug) => {
          await cms.strapi.documents(article.uid).update({ documentId: id, data: { slug } as never });
          await cms.strapi.documents(article.uid).publish({ documentId: id });
        },
        'doi-duong-dan-a',
        [
          [path('doi-duong-dan-b'), path('doi-duong-dan-a'), 301],
          [path('doi-duong-dan-c'), path('doi-duong-dan-a'), 301],
        ],
      ],
    ];

    it.each(STEPS)('%s', async (_step, save, slug, expected) => {
      await save(slug);
      expect(await under(`${article.urlBase}doi-duong-dan-`)).toEqual(expected);
    });

    it('marks them as made by the slug change of this article', async () => {
      expect(await redirectFrom(path('doi-duong-dan-b'))).toMatchObject({ origin: 'slugChange', sourceType: article.uid, sourceDocumentId: id, title: null, reason: null });
    });

    it('unpublished with a reason written in the draft: the path answers 410 with the title, both dates and the reason', async () => {
      ok(await cmUpdate(article.uid, id, { withdrawalReason: 'Thông tin đã được đính chính tại bài khác.' }));
      const before = Date.now();
      ok(await cmAction(article.uid, id, 'unpublish'));
      const gone = (await redirectFrom(path('doi-duong-dan-a')))!;
      expect(gone).toMatchObject({
        to: null,
        code: 410,
        origin: 'withdrawal',
        title: 'Dữ liệu kiểm thử: doi-duong-dan-a',
        reason: 'Thông tin đã được đính chính tại bài khác.',
        sourceType: article.uid,
        sourceDocumentId: id,
      });
      // Its first publication, over REST, not the later ones in the admin.
      expect(new Date(gone.firstPublishedAt!).getTime()).toBeGreaterThanOrEqual(publishing[0] - 1000);
      expect(new Date(gone.firstPublishedAt!).getTime()).toBeLessThanOrEqual(publishing[1]);
      expect(new Date(gone.withdrawnAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
      // The old paths still lead there, to the page saying it was withdrawn.
      expect((await redirectFrom(path('doi-duong-dan-b')))?.to).toBe(path('doi-duong-dan-a'));
    });

    it('published again: the page wins, the 410 is gone', async () => {
      ok(await cmAction(article.uid, id, 'publish'));
      expect(await redirectFrom(path('doi-duong-dan-a'))).toBeNull();
    });

    it('deleted over REST: the path answers 410', async () => {
      ok(await rest(`${cms.url}/api/articles/${id}`, { method: 'DELETE', token }), 204);
      expect(await redirectFrom(path('doi-duong-dan-a'))).toMatchObject({ code: 410, origin: 'withdrawal', sourceDocumentId: id });
    });
  });

  it('an entry withdrawn and published again under another slug: its withdrawn path answers 301 to the new one', async () => {
    const id = await publishedArticle('go-roi-doi-ten-x');
    ok(await cmAction(article.uid, id, 'unpublish'));
    ok(await cmUpdate(article.uid, id, { slug: 'go-roi-doi-ten-y' }));
    ok(await cmAction(article.uid, id, 'publish'));
    expect(await under(`${article.urlBase}go-roi-doi-ten-`)).toEqual([[path('go-roi-doi-ten-x'), path('go-roi-doi-ten-y'), 301]]);
  });

  it("the scheduler's unpublish of a gallery leaves a 410", async () => {
    const gallery = await cms.strapi.documents(photoGallery.uid).create({ data: { title: 'Dữ liệu kiểm thử: bộ ảnh hẹn gỡ', slug: 'bo-anh-hen-go' } as never, status: 'published' });
    await cms.strapi.db.query(photoGallery.uid).updateMany({ where: { documentId: gallery.documentId }, data: { unpublishAt: new Date(Date.now() - 1000) } as never });
    expect((await runScheduledPublishing(cms.strapi)).unpublished).toContain(gallery.documentId);
    expect(await redirectFrom(entryPath(photoGallery, 'bo-anh-hen-go'))).toMatchObject({ code: 410, origin: 'withdrawal', title: 'Dữ liệu kiểm thử: bộ ảnh hẹn gỡ' });
  });

  it("a document's 410 is titled by its number and summary, first published on its issue date", async () => {
    const created = await rest(`${cms.url}/api/legal-documents?status=published`, {
      method: 'POST',
      token,
      body: { data: { number: '99/QĐ-UBND', slug: '99-qd-ubnd-go', issuingBody: 'UBND phường Hai Bà Trưng', issuedAt: '2026-03-02', summary: 'Dữ liệu kiểm thử. Quyết định bị gỡ.', documentType: decision } },
    });
    ok(created, 201);
    ok(await cmAction(legalDocument.uid, created.body.data.documentId, 'unpublish'));
    const gone = (await redirectFrom(entryPath(legalDocument, '99-qd-ubnd-go')))!;
    expect(gone).toMatchObject({ code: 410, title: '99/QĐ-UBND: Dữ liệu kiểm thử. Quyết định bị gỡ.' });
    expect(gone.firstPublishedAt && new Date(gone.firstPublishedAt).toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });

  it('a category (no drafts) renamed leaves a 301; a task (no pages of its own) and a draft leave nothing', async () => {
    const before = await table();
    const task = await cms.strapi.documents(resolutionTask.uid).create({ data: { title: 'Dữ liệu kiểm thử: nhiệm vụ', year: 2031, order: 1 } as never });
    await cms.strapi.documents(resolutionTask.uid).update({ documentId: task.documentId, data: { title: 'Dữ liệu kiểm thử: nhiệm vụ đã sửa', year: 2032 } as never });
    const draft = await cms.strapi.documents(article.uid).create({ data: { title: 'Dữ liệu kiểm thử: bản nháp', slug: 'ban-nhap-x' } as never });
    await cms.strapi.documents(article.uid).update({ documentId: draft.documentId, data: { slug: 'ban-nhap-y' } as never });
    await cms.strapi.documents(article.uid).delete({ documentId: draft.documentId });
    expect(await table()).toEqual(before);

    const created = await rest(`${cms.url}/api/categories`, { method: 'POST', token, body: { data: { name: 'Dữ liệu kiểm thử', slug: 'chuyen-muc-cu' } } });
    ok(created, 201);
    ok(await cmUpdate(category.uid, created.body.data.documentId, { slug: 'chuyen-muc-moi' }));
    expect(await redirectFrom(entryPath(category, 'chuyen-muc-cu'))).toMatchObject({ to: entryPath(category, 'chuyen-muc-moi'), code: 301, origin: 'slugChange' });
  });

  describe('manual redirects', () => {
    const create = (data: Record<string, unknown>) => rest(`${cms.url}${CM}/collection-types/${redirect.uid}`, { method: 'POST', token: editor, body: data });

    it.each([
      ['a trailing slash added', '/cu/trang-a', '/cu/trang-a/'],
      ['spaces and Vietnamese percent-encoded as a slug is', '/cu/Tin mới', '/cu/Tin%20m%E1%BB%9Bi/'],
      ['percent-encoding in one spelling', '/cu/Tin%20m%e1%bb%9bi/', '/cu/Tin%20m%E1%BB%9Bi/'],
      ['decomposed Vietnamese composed (NFC)', '/cu/Tin m\u01a1\u0301i/', '/cu/Tin%20m%E1%BB%9Bi/'],
      ['an encoded letter decoded', '/cu/%74rang-b/', '/cu/trang-b/'],
    ])('stores `from` normalised: %s', async (_label, from, stored) => {
      const answer = await create({ from, to: '/tin-tuc/', code: 302 });
      ok(answer, 201);
      expect(answer.body.data.from).toBe(stored);
      ok(await rest(`${cms.url}${CM}/collection-types/${redirect.uid}/${answer.body.data.documentId}`, { method: 'DELETE', token: editor }));
    });

    it('collapses chains both ways: X→Y then Y→Z stores X→Z; W→X then stores W→Z', async () => {
      ok(await create({ from: '/chuoi/x/', to: '/chuoi/y/', code: 301 }), 201);
      ok(await create({ from: '/chuoi/y/', to: '/chuoi/z/', code: 301 }), 201);
      expect(await under('/chuoi/')).toEqual([
        ['/chuoi/x/', '/chuoi/z/', 301],
        ['/chuoi/y/', '/chuoi/z/', 301],
      ]);
      ok(await create({ from: '/chuoi/w/', to: '/chuoi/x/', code: 301 }), 201);
      expect((await redirectFrom('/chuoi/w/'))?.to).toBe('/chuoi/z/');
      ok(await create({ from: '/chuoi/z/', to: `https://${ALLOWED}/`, code: 302 }), 201);
      expect(new Set((await under('/chuoi/')).map(([, to]) => to))).toEqual(new Set([`https://${ALLOWED}/`]));
    });

    it.each([
      ['back to where it starts', { from: '/vong/a/', to: '/vong/a' }],
      ['round a chain', { from: '/vong/c/', to: '/vong/a/' }],
    ])('refuses a loop %s, naming `to`, and changes nothing', async (_label, data) => {
      if (!(await redirectFrom('/vong/a/'))) {
        ok(await create({ from: '/vong/a/', to: '/vong/b/', code: 301 }), 201);
        ok(await create({ from: '/vong/b/', to: '/vong/c/', code: 301 }), 201);
      }
      const before = await table();
      const answer = await create({ ...data, code: 301 });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.errors[0].path).toEqual(['to']);
      expect(await table()).toEqual(before);
    });

    it('lets the editor write the reason on a withdrawal afterwards', async () => {
      const id = await publishedArticle('ly-do-sau');
      ok(await cmAction(article.uid, id, 'unpublish'));
      const gone = (await cms.strapi.db.query(redirect.uid as never).findOne({ where: { from: path('ly-do-sau') } })) as { documentId: string };
      ok(await rest(`${cms.url}${CM}/collection-types/${redirect.uid}/${gone.documentId}`, { method: 'PUT', token: editor, body: { reason: 'Gỡ theo yêu cầu của cơ quan chủ quản.' } }));
      expect(await redirectFrom(path('ly-do-sau'))).toMatchObject({ code: 410, reason: 'Gỡ theo yêu cầu của cơ quan chủ quản.' });
    });

    it('is read by the site token', async () => {
      const answer = await rest(`${cms.url}/api/redirects?pagination[pageSize]=100`, { token: cms.siteToken });
      ok(answer);
      expect(answer.body.data.map((r: Stored) => r.from)).toContain('/chuoi/x/');
    });
  });
}
