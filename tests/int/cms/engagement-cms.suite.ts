import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAs } from '../../../cms/src/audit/audit-actor.js';
import { AUDIT_TABLE } from '../../../cms/src/audit/audit-table.js';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { ENGAGEMENT_TABLES as T, monthOf, vietnamDay } from '../../../cms/src/engagement/engagement-tables.js';
import { syncViewCounts } from '../../../cms/src/engagement/sync-view-counts.js';
import { restoreVersion } from '../../../cms/src/history/restore-version.js';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { adminLogin, createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { publishDocument } from '../../helpers/legal-documents.js';
import { recordingServer } from '../../helpers/recording-server.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = CONTENT_TYPES.article.uid;
const GALLERY = CONTENT_TYPES.photoGallery.uid;
const DOCUMENT = CONTENT_TYPES.legalDocument.uid;
const CATEGORY = CONTENT_TYPES.category.uid;
const TABLES: Record<string, string> = { [ARTICLE]: 'articles', [GALLERY]: 'photo_galleries', [DOCUMENT]: 'legal_documents' };
const EDITOR = { code: 'strapi-editor', email: 'bientap.tuongtac@hbt.example.vn', firstname: 'Phạm Thị', lastname: 'Biên Tập' };
const CM = '/content-manager/collection-types';

type Uid = typeof ARTICLE;
const docs = (cms: TestStrapi, uid: string) => cms.strapi.documents(uid as Uid);

/** Runs the other process's writer to its end: `rounds` transactions adding views to every key; what it added per key. */
function incrementFromAnotherProcess(env: Record<string, string>, rounds: number, keys: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'tests/int/cms/support/increment-page-views.ts'), String(rounds), ...keys], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the writer exited ${code}: ${output}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, number>);
    });
  });
}

/**
 * Issue 21, the CMS's part: the views the engagement service counts reach each entry's
 * viewCount without a webhook, a version or a new updatedAt, and no one can type over them;
 * the site build reads counts, "Đọc nhiều" and the ratings' summary; editors read ratings and
 * moderate comments in "Tương tác".
 */
export function engagementCmsSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let publisher: Awaited<ReturnType<typeof recordingServer>>;
  let editor: string;
  let article: { documentId: string };
  let gallery: { documentId: string };
  let legal: { documentId: string };

  const rowsOf = async (uid: string, documentId: string) =>
    (await cms.strapi.db.connection(TABLES[uid]!).where({ document_id: documentId }).select('id', 'view_count', 'updated_at', 'published_at').orderBy('id')) as Array<{
      id: number;
      view_count: number;
      updated_at: unknown;
      published_at: unknown;
    }>;
  const countOf = async (uid: string, documentId: string) => {
    const counts = [...new Set((await rowsOf(uid, documentId)).map((row) => Number(row.view_count)))];
    expect(counts, `every row of ${documentId} holds one count`).toHaveLength(1);
    return counts[0]!;
  };
  const versionCount = async (documentId: string) =>
    Number((await cms.strapi.db.connection('portal_content_versions').where({ document_id: documentId }).count({ n: '*' }))[0]!.n);

  beforeAll(async () => {
    publisher = await recordingServer();
    db = await createTestDatabase(client);
    cms = await bootStrapi(db, { REBUILD_SECRET: 'engagement-test-rebuild-secret', PUBLISHER_HOOK_URL: `${publisher.url}/hooks/strapi`, ENGAGEMENT_SYNC_MS: '100' });
    await createAdminUser(cms, EDITOR);
    editor = await adminLogin(cms, EDITOR.email);
    article = (await docs(cms, ARTICLE).findFirst({ status: 'published' }))!;
    gallery = (await docs(cms, GALLERY).findFirst({ status: 'published' }))!;
    legal = await publishDocument(cms.strapi, { number: '07/2026/QĐ-UBND', issuingBody: 'UBND quận', issuedAt: '2026-01-05', summary: 'Dữ liệu kiểm thử: văn bản có lượt xem' });
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    await publisher?.close();
    delete process.env.ENGAGEMENT_SYNC_MS;
  });

  it('adds what another process counts, while it counts, into every row of each entry: none lost, none doubled, no webhook, version or updatedAt', async () => {
    const pages = [
      [ARTICLE, `article:${article.documentId}`, article.documentId],
      [GALLERY, `photo-gallery:${gallery.documentId}`, gallery.documentId],
      [DOCUMENT, `legal-document:${legal.documentId}`, legal.documentId],
    ] as const;
    const before = new Map<string, { count: number; rows: Awaited<ReturnType<typeof rowsOf>>; versions: number }>();
    for (const [uid, , documentId] of pages) {
      const rows = await rowsOf(uid, documentId);
      expect(rows.length, `${uid} has a draft and a published row`).toBe(2);
      before.set(documentId, { count: await countOf(uid, documentId), rows, versions: await versionCount(documentId) });
    }
    expect(before.get(article.documentId)!.count).toBe(825);
    // Webhooks are sent after the write: let those of the set-up arrive, then watch from here.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    publisher.requests.length = 0;

    const keys = [...pages.map(([, key]) => key), 'article:khongconnua0000000000000'];
    const writing = incrementFromAnotherProcess(db.env, 150, keys);
    // This test's syncs, two at once, beside the CMS's own every 100 ms: the way two CMS instances would.
    let syncs = 0;
    let finished = false;
    void writing.finally(() => (finished = true)).catch(() => {});
    while (!finished) {
      await Promise.all([syncViewCounts(cms.strapi), syncViewCounts(cms.strapi)]);
      syncs += 2;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const added = await writing;
    await syncViewCounts(cms.strapi);
    expect(syncs).toBeGreaterThan(4);

    for (const [uid, key, documentId] of pages) {
      const expected = before.get(documentId)!.count + added[key]!;
      expect(added[key]).toBeGreaterThan(150);
      expect(await countOf(uid, documentId), `${key}: base + every view`).toBe(expected);
      const row = await cms.strapi.db.connection(T.pageViews).where({ page_key: key }).first();
      expect([Number(row.views), Number(row.synced), Number(row.cms_total)]).toEqual([added[key], added[key], expected]);
      const after = await rowsOf(uid, documentId);
      expect(after.map((r) => [r.id, String(r.updated_at), String(r.published_at)])).toEqual(before.get(documentId)!.rows.map((r) => [r.id, String(r.updated_at), String(r.published_at)]));
      expect(await versionCount(documentId), `${key}: no version`).toBe(before.get(documentId)!.versions);
    }
    const gone = await cms.strapi.db.connection(T.pageViews).where({ page_key: 'article:khongconnua0000000000000' }).first();
    expect(Number(gone.synced), 'a deleted entry is marked synced all the same').toBe(Number(gone.views));

    // A write the webhook does see, after every sync: whatever the syncs sent has arrived by the time it does.
    const category = (await docs(cms, CATEGORY).findFirst({}))!;
    await docs(cms, CATEGORY).update({ documentId: category.documentId, data: { description: 'Dữ liệu kiểm thử: webhook vẫn chạy' } as never });
    await publisher.waitFor((all) => all.some((r) => r.body.includes(category.documentId)));
    const hooked = publisher.requests.filter((r) => pages.some(([uid, , documentId]) => {
      const event = JSON.parse(r.body) as { uid?: string; entry?: { documentId?: string } };
      return event.uid === uid && event.entry?.documentId === documentId;
    }));
    expect(hooked.map((r) => r.body.slice(0, 200)), 'no webhook for a view').toEqual([]);
  });

  it('keeps the counted number when an editor saves the stale one, REST sends one, or a version is restored; a script may set it', async () => {
    const counted = await countOf(ARTICLE, article.documentId);
    expect(counted).toBeGreaterThan(825);
    const form = await rest(`${cms.url}/content-manager/collection-types/${ARTICLE}/${article.documentId}`, { token: editor });
    expect(form.status).toBe(200);
    // The views counted while the form was open.
    await cms.strapi.db.connection(TABLES[ARTICLE]!).where({ document_id: article.documentId }).increment('view_count', 7);

    const saved = await rest(`${cms.url}${CM}/${ARTICLE}/${article.documentId}`, { method: 'PUT', token: editor, body: { ...form.body.data, viewCount: 825, lead: 'Sa-pô sửa khi lượt xem đang tăng' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await countOf(ARTICLE, article.documentId)).toBe(counted + 7);
    const published = await rest(`${cms.url}${CM}/${ARTICLE}/${article.documentId}/actions/publish`, { method: 'POST', token: editor, body: { ...form.body.data, viewCount: 0 } });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await countOf(ARTICLE, article.documentId)).toBe(counted + 7);

    const token = await cms.fullAccessToken();
    const viaRest = await rest(`${cms.url}/api/legal-documents/${legal.documentId}?status=draft`, { method: 'PUT', token, body: { data: { viewCount: 1_000_000 } } });
    expect(viaRest.status, JSON.stringify(viaRest.body)).toBe(200);
    expect((await rowsOf(DOCUMENT, legal.documentId)).find((row) => !row.published_at)!.view_count).not.toBe(1_000_000);
    // A negative number is still refused, naming the field, not silently dropped.
    const negative = await rest(`${cms.url}${CM}/${GALLERY}/${gallery.documentId}`, { method: 'PUT', token: editor, body: { viewCount: -1 } });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('viewCount');

    const created = await rest(`${cms.url}${CM}/${ARTICLE}`, { method: 'POST', token: editor, body: { title: 'Dữ liệu kiểm thử: bài mới tự nhận lượt xem', viewCount: 5000 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data.viewCount).toBe(0);
    const copy = await rest(`${cms.url}${CM}/${ARTICLE}/clone/${article.documentId}`, { method: 'POST', token: editor, body: { title: 'Dữ liệu kiểm thử: bản sao của bài', slug: 'du-lieu-kiem-thu-ban-sao-cua-bai' } });
    expect(copy.status, JSON.stringify(copy.body)).toBeLessThan(300);
    expect(await countOf(ARTICLE, copy.body.data.documentId), 'a copy starts from no views').toBe(0);

    const old = (await cms.strapi.db.connection('portal_content_versions').where({ document_id: article.documentId }).orderBy('id').first('id')) as { id: number };
    const before = await countOf(ARTICLE, article.documentId);
    await restoreVersion(cms.strapi, Number(old.id));
    const draft = (await rowsOf(ARTICLE, article.documentId)).find((row) => !row.published_at)!;
    expect(Number(draft.view_count), 'a restore keeps the counted number').toBe(before);

    await runAs('script', async () => {
      await docs(cms, GALLERY).update({ documentId: gallery.documentId, data: { viewCount: 4242 } as never });
      await docs(cms, GALLERY).publish({ documentId: gallery.documentId });
    });
    expect(await countOf(GALLERY, gallery.documentId)).toBe(4242);
  });

  it('gives the site build every published count (with what is not synced yet), the week\'s most read articles and the ratings per type and month', async () => {
    const knex = cms.strapi.db.connection;
    const today = vietnamDay();
    const longAgo = vietnamDay(new Date(Date.now() - 9 * 86_400_000));
    const made: string[] = [];
    for (let i = 0; i < 6; i++) {
      const entry = await runAs('script', () => docs(cms, ARTICLE).create({ status: 'published', data: { title: `Dữ liệu kiểm thử: đọc nhiều ${i}`, viewCount: 10 * i } as never }));
      made.push(entry.documentId);
    }
    const draftOnly = await docs(cms, ARTICLE).create({ data: { title: 'Dữ liệu kiểm thử: bản nháp được xem' } as never });
    await knex(T.dailyViews).insert([
      ...made.map((documentId, i) => ({ day: today, page_key: `article:${documentId}`, views: 100 + i })),
      { day: today, page_key: `article:${draftOnly.documentId}`, views: 10_000 },
      { day: longAgo, page_key: `article:${made[0]}`, views: 50_000 },
      { day: today, page_key: `photo-gallery:${gallery.documentId}`, views: 90_000 },
    ]);
    // Counted by the service, not yet added by the CMS (its sync may add it at any moment: the answer is the same).
    await knex(T.pageViews).insert({ page_key: `article:${made[2]}`, content_type: 'article', document_id: made[2], views: 12, synced: 0, updated_at: new Date().toISOString() });
    const month = monthOf(today);
    const rating = (contentType: string, documentId: string, inMonth: string, useful: boolean) => ({
      page_key: `${contentType}:${documentId}`,
      content_type: contentType,
      document_id: documentId,
      month: inMonth,
      day: `${inMonth}-01`,
      useful,
      reason: useful ? null : 'kho-hieu',
      created_at: new Date().toISOString(),
    });
    await knex(T.ratings).insert([
      rating('article', article.documentId, month, true),
      rating('article', article.documentId, month, true),
      rating('article', made[0]!, month, false),
      rating('article', article.documentId, '2025-12', false),
      rating('legal-document', legal.documentId, month, true),
    ]);

    const answer = await rest(`${cms.url}/api/engagement/site-data`, { token: cms.siteToken });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['mostRead', 'ratings', 'viewCounts']);

    const published = async (uid: string, apiName: string) =>
      ((await knex(TABLES[uid]!).whereNotNull('published_at').select('document_id', 'view_count')) as Array<{ document_id: string; view_count: number }>).map(
        (row) => [`${apiName}:${row.document_id}`, Number(row.view_count)] as const,
      );
    const stored = Object.fromEntries([...(await published(ARTICLE, 'article')), ...(await published(DOCUMENT, 'legal-document')), ...(await published(GALLERY, 'photo-gallery'))]);
    const pending = (await knex(T.pageViews).whereRaw('views > synced').select('page_key', 'views', 'synced')) as Array<{ page_key: string; views: number; synced: number }>;
    for (const row of pending) if (row.page_key in stored) stored[row.page_key]! += Number(row.views) - Number(row.synced);
    expect(answer.body.viewCounts).toEqual(stored);
    expect(answer.body.viewCounts[`article:${made[2]}`]).toBe(20 + 12);
    expect(answer.body.viewCounts[`article:${draftOnly.documentId}`]).toBeUndefined();

    expect(answer.body.mostRead).toEqual([5, 4, 3, 2, 1].map((i) => ({ documentId: made[i], views: 100 + i })));
    expect(answer.body.ratings).toEqual([
      { contentType: 'article', month, useful: 2, notUseful: 1 },
      { contentType: 'legal-document', month, useful: 1, notUseful: 0 },
      { contentType: 'article', month: '2025-12', useful: 0, notUseful: 1 },
    ]);
  });

  it('shows editors the ratings per page and month, the comments to moderate (recorded in the audit log) and the most viewed pages', async () => {
    const knex = cms.strapi.db.connection;
    const month = monthOf(vietnamDay());
    const [ratingId] = (await knex(T.ratings)
      .insert({ page_key: `legal-document:${legal.documentId}`, content_type: 'legal-document', document_id: legal.documentId, month, day: vietnamDay(), useful: false, reason: 'thieu-thong-tin', created_at: new Date().toISOString() })
      .returning('id')) as Array<{ id: number } | number>;
    const id = typeof ratingId === 'object' ? ratingId.id : ratingId!;
    const [commentRow] = (await knex(T.ratingComments)
      .insert({ rating_id: id, page_key: `legal-document:${legal.documentId}`, content_type: 'legal-document', document_id: legal.documentId, month, comment: 'Thiếu tệp đính kèm <b>bản gốc</b>', status: 'new', created_at: new Date().toISOString() })
      .returning('id')) as Array<{ id: number } | number>;
    const commentId = typeof commentRow === 'object' ? commentRow.id : commentRow!;

    const ratings = await rest(`${cms.url}/admin/engagement/ratings?month=${month}`, { token: editor });
    expect(ratings.status, JSON.stringify(ratings.body)).toBe(200);
    expect(ratings.body.meta).toMatchObject({ month, months: expect.arrayContaining([month, '2025-12']) });
    expect(ratings.body.data).toContainEqual(
      expect.objectContaining({ pageKey: `legal-document:${legal.documentId}`, title: '07/2026/QĐ-UBND: Dữ liệu kiểm thử: văn bản có lượt xem', typeLabel: 'Văn bản', useful: 1, notUseful: 1, reasons: { 'thieu-thong-tin': 1 }, comments: 1 }),
    );
    expect(ratings.body.data[0]).toMatchObject({ pageKey: `article:${article.documentId}`, useful: 2, notUseful: 0 });

    const list = await rest(`${cms.url}/admin/engagement/comments?status=new`, { token: editor });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({ id: commentId, comment: 'Thiếu tệp đính kèm <b>bản gốc</b>', status: 'new', useful: false, reason: 'thieu-thong-tin', title: expect.stringContaining('07/2026'), moderatedAt: null }),
    ]);
    expect(list.body.meta.counts).toEqual({ new: 1, read: 0, hidden: 0 });

    const hidden = await rest(`${cms.url}/admin/engagement/comments/${commentId}`, { method: 'PUT', token: editor, body: { status: 'hidden' } });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    const row = await knex(T.ratingComments).where({ id: commentId }).first();
    expect(row).toMatchObject({ status: 'hidden', moderated_by: `${EDITOR.firstname} ${EDITOR.lastname} <${EDITOR.email}>` });
    expect(Date.now() - Date.parse(row.moderated_at)).toBeLessThan(60_000);
    expect((await rest(`${cms.url}/admin/engagement/comments?status=hidden`, { token: editor })).body.data.map((c: { id: number }) => c.id)).toEqual([commentId]);
    const logged = await knex(AUDIT_TABLE).where({ action: 'engagement.comment.hidden', subject_id: String(commentId) }).first();
    expect(logged?.actor).toContain(EDITOR.email);
    expect(String(logged?.detail), 'the log keeps who and what, never the citizen\'s text').not.toContain('bản gốc');

    const viewed = await rest(`${cms.url}/admin/engagement/most-viewed`, { token: editor });
    expect(viewed.status).toBe(200);
    expect(viewed.body.data.week[0]).toMatchObject({ pageKey: `photo-gallery:${gallery.documentId}`, views: 90_000, typeLabel: 'Thư viện ảnh' });
    expect(viewed.body.data.allTime[0]).toMatchObject({ pageKey: `photo-gallery:${gallery.documentId}`, views: 4242 });
    expect(viewed.body.data.allTime.map((p: { pageKey: string }) => p.pageKey)).toContain(`article:${article.documentId}`);
  });
}
