import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs } from '../../../cms/src/audit/audit-actor.js';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { restoreVersion } from '../../../cms/src/history/restore-version.js';
import { adminLogin, createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = CONTENT_TYPES.article.uid;
const CATEGORY = CONTENT_TYPES.category.uid;
const CM = '/content-manager';
const EDITOR = { code: 'strapi-editor', email: 'bientap.lichsu@hbt.example.vn', firstname: 'Lê Văn', lastname: 'Biên Tập' };

interface Version {
  id: number;
  version: number;
  actor: string;
  path: string;
  action: string;
  status: string;
  data: Record<string, unknown>;
}

/**
 * Issue 20, part 1: every write of every path stores a version of the whole entry; a restore
 * makes an old one the current draft, byte for byte, publishes nothing and loses nothing.
 */
export function contentHistorySuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let editor: string;

  const versions = async (documentId: string): Promise<Version[]> => {
    const rows = await cms.strapi.db.connection('portal_content_versions').where({ document_id: documentId }).orderBy('id');
    return rows.map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      version: Number(row.version),
      actor: String(row.actor),
      path: String(row.path),
      action: String(row.action),
      status: String(row.status),
      data: JSON.parse(String(row.data)) as Record<string, unknown>,
    }));
  };
  const last = async (documentId: string) => (await versions(documentId)).at(-1)!;

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db, { HISTORY_KEEP_LIVE: '3' });
    token = await cms.fullAccessToken();
    await createAdminUser(cms, EDITOR);
    editor = await adminLogin(cms, EDITOR.email);
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    delete process.env.HISTORY_KEEP_LIVE;
  });

  it('keeps the sample import as the seed, with components, relations and files', async () => {
    const article = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published' }))!;
    const stored = await versions(article.documentId);
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored.map((v) => v.path))).toEqual(new Set(['seed']));
    const whole = stored.at(-1)!.data;
    expect(whole.title).toBe(article.title);
    expect(Array.isArray(whole.attendees) && whole.attendees.length).toBeGreaterThan(0);
    expect(typeof whole.category).toBe('string');
    expect(whole.cover).toMatchObject({ image: { id: expect.any(Number) } });
  });

  it.each([
    ['the admin, as the editor', 'admin', async (documentId: string) => {
      const answer = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${documentId}`, { method: 'PUT', token: editor, body: { title: 'Dữ liệu kiểm thử: sửa trong trang quản trị' } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }, 'update', 'draft', EDITOR.email],
    ['the admin, setting a publish time', 'admin', async (documentId: string) => {
      const publishAt = new Date(Date.now() + 86_400_000).toISOString();
      const answer = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${documentId}`, { method: 'PUT', token: editor, body: { publishAt } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }, 'schedule', 'draft', EDITOR.email],
    ['REST, as the token', 'rest', async (documentId: string) => {
      const answer = await rest(`${cms.url}/api/articles/${documentId}?status=draft`, { method: 'PUT', token, body: { data: { lead: 'Sa-pô sửa qua REST' } } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }, 'update', 'draft', 'API token "tests-'],
    ['a script', 'script', (documentId: string) =>
      runAs('script', () => cms.strapi.documents(ARTICLE).update({ documentId, data: { lead: 'Sa-pô sửa bằng script' } as never })), 'update', 'draft', 'script'],
    ['the scheduler', 'scheduler', (documentId: string) =>
      runAs('scheduler', () => cms.strapi.documents(ARTICLE).publish({ documentId })), 'publish', 'published', 'scheduler'],
  ])('stores a version for a write from %s', async (_label, path, write, action, status, actor) => {
    const draft = await cms.strapi.documents(ARTICLE).create({ data: { title: `Dữ liệu kiểm thử: lịch sử ${path}` } as never });
    await write(draft.documentId);
    const stored = await last(draft.documentId);
    expect(stored, JSON.stringify({ ...stored, data: undefined })).toMatchObject({ path, action, status, actor: expect.stringContaining(actor) });
  });

  it('stores discarding a draft, unpublish and delete too, the deleted entry as it was', async () => {
    const created = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Dữ liệu kiểm thử: gỡ rồi xoá' } as never, status: 'published' });
    await cms.strapi.documents(ARTICLE).update({ documentId: created.documentId, data: { title: 'Dữ liệu kiểm thử: bản nháp bỏ đi' } as never });
    await cms.strapi.documents(ARTICLE).discardDraft({ documentId: created.documentId });
    expect(await last(created.documentId)).toMatchObject({ action: 'discardDraft', status: 'draft', data: expect.objectContaining({ title: 'Dữ liệu kiểm thử: gỡ rồi xoá' }) });
    await cms.strapi.documents(ARTICLE).unpublish({ documentId: created.documentId });
    await cms.strapi.documents(ARTICLE).delete({ documentId: created.documentId });
    const stored = await versions(created.documentId);
    expect(stored.map((v) => v.action).slice(-2)).toEqual(['unpublish', 'delete']);
    expect(stored.at(-1)!.data.title).toBe('Dữ liệu kiểm thử: gỡ rồi xoá');
  });

  it("restores yesterday's version into the draft byte for byte, publishes nothing, keeps every version and logs who did it", async () => {
    const article = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published' }))!;
    const first = (await versions(article.documentId)).at(-1)!;
    const edit = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${article.documentId}`, {
      method: 'PUT',
      token: editor,
      body: { title: 'Tiêu đề sửa nhầm', lead: 'Sa-pô sửa nhầm', attendees: [] },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const before = await versions(article.documentId);

    const restored = await rest(`${cms.url}/admin/content-history/versions/${first.id}/restore`, { method: 'POST', token: editor, body: {} });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.data).toMatchObject({ restoredVersion: first.version, published: false });

    const after = await versions(article.documentId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ action: 'restore', path: 'admin', status: 'draft', actor: expect.stringContaining(EDITOR.email) });
    expect(JSON.stringify(after.at(-1)!.data)).toBe(JSON.stringify(first.data));
    const published = await cms.strapi.documents(ARTICLE).findOne({ documentId: article.documentId, status: 'published' });
    expect(published!.title).toBe(article.title);
    const logged = await cms.strapi.db.connection('portal_audit_log').where({ action: 'history.restore', subject_id: article.documentId }).first();
    expect(logged).toMatchObject({ actor_kind: 'admin', actor: expect.stringContaining(EDITOR.email) });
    expect(JSON.parse(logged.detail)).toMatchObject({ version: first.version });
  });

  it('records a restore run by a script as the restore', async () => {
    const category = await cms.strapi.documents(CATEGORY).create({ data: { name: 'Dữ liệu kiểm thử: chuyên mục khôi phục' } as never });
    await cms.strapi.documents(CATEGORY).update({ documentId: category.documentId, data: { name: 'Dữ liệu kiểm thử: chuyên mục đổi tên' } as never });
    const [first] = await versions(category.documentId);
    await restoreVersion(cms.strapi, first!.id);
    expect(await last(category.documentId)).toMatchObject({ action: 'restore', path: 'restore', actor: 'restore', data: first!.data });
  });

  it('lists an entry\'s versions newest first and gives one with the one before it', async () => {
    const article = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published' }))!;
    const list = await rest(`${cms.url}/admin/content-history/entries/${ARTICLE}/${article.documentId}`, { token: editor });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const ids = list.body.data.map((v: { id: number }) => v.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(list.body.data[0]).not.toHaveProperty('data');
    const one = await rest(`${cms.url}/admin/content-history/versions/${ids[0]}`, { token: editor });
    expect(one.status).toBe(200);
    expect(one.body.data.previous.id).toBe(ids[1]);
    expect(one.body.data.data.title).toBeTypeOf('string');
  });

  it('keeps a type without drafts to its last versions (HISTORY_KEEP_LIVE)', async () => {
    const category = await cms.strapi.documents(CATEGORY).create({ data: { name: 'Dữ liệu kiểm thử: chuyên mục lịch sử' } as never });
    for (const n of [1, 2, 3, 4]) await cms.strapi.documents(CATEGORY).update({ documentId: category.documentId, data: { name: `Dữ liệu kiểm thử: chuyên mục lần ${n}` } as never });
    const stored = await versions(category.documentId);
    expect(stored.map((v) => v.data.name)).toEqual([2, 3, 4].map((n) => `Dữ liệu kiểm thử: chuyên mục lần ${n}`));
  });

  describe('the routes refuse', () => {
    it.each([
      ['no sign-in', () => rest(`${cms.url}/admin/content-history/entries/${ARTICLE}/abc`), 401],
      ['an API token', () => rest(`${cms.url}/admin/content-history/entries/${ARTICLE}/abc`, { token }), 401],
      ['a type that is not the portal\'s', () => rest(`${cms.url}/admin/content-history/entries/admin::user/abc`, { token: editor }), 400],
      ['an id that is not one', () => rest(`${cms.url}/admin/content-history/versions/1%20OR%201=1`, { token: editor }), 400],
      ['an id past any', () => rest(`${cms.url}/admin/content-history/versions/9999999`, { token: editor }), 404],
    ])('%s', async (_label, call, status) => {
      const answer = await call();
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    });
  });
}
