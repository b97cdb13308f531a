import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest } from '../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const ARTICLE = 'api::article.article';
const GALLERY = 'api::photo-gallery.photo-gallery';
const ATTENDEE = 'api::attendee.attendee';
const TASK = 'api::resolution-task.resolution-task';
const CATEGORY = 'api::category.category';
const SETTINGS = 'api::site-setting.site-setting';
const LEGAL_DOCUMENT = 'api::legal-document.legal-document';
const DOCUMENT_TYPE = 'api::document-type.document-type';
const CM = '/content-manager';

/** A valid new entry of each type without draft & publish: what goes live the moment it is saved. */
const NEW_ENTRY: Record<string, () => Record<string, unknown>> = {
  [ATTENDEE]: () => ({ fullName: 'Người do tác giả thêm' }),
  [TASK]: () => ({ title: 'Nhiệm vụ do tác giả thêm', year: 2030, order: 77 }),
  [CATEGORY]: () => ({ name: 'Chuyên mục do tác giả thêm' }),
  [DOCUMENT_TYPE]: () => ({ name: 'Loại văn bản do tác giả thêm' }),
};
const CHANGE: Record<string, Record<string, unknown>> = {
  [ATTENDEE]: { fullName: 'Tên bị tác giả sửa' },
  [TASK]: { title: 'Nhiệm vụ bị tác giả sửa' },
  [CATEGORY]: { name: 'Chuyên mục bị tác giả sửa' },
  [DOCUMENT_TYPE]: { name: 'Loại văn bản bị tác giả sửa' },
  [SETTINGS]: { portalName: 'Cổng bị tác giả sửa', slogan: 'Khẩu hiệu bị tác giả sửa' },
};

/**
 * Issue 17, item 3: nothing an author (Tác giả) does reaches the public without an editor
 * (Biên tập). Real admin users, through the admin API the admin UI calls.
 */
describe('editorial control: authors draft, editors make things public', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let author = '';
  let editor = '';

  /** Every row of a type, as the database holds it: proves a refused write changed nothing. */
  const snapshot = async (uid: string) =>
    JSON.stringify(await cms.strapi.db.query(uid as never).findMany({ orderBy: { id: 'asc' } }));

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    await createAdminUser(cms, { code: 'strapi-author', email: 'tacgia@hbt.example.vn' });
    await createAdminUser(cms, { code: 'strapi-editor', email: 'bientap@hbt.example.vn' });
    author = await adminLogin(cms, 'tacgia@hbt.example.vn');
    editor = await adminLogin(cms, 'bientap@hbt.example.vn');
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  const first = async (uid: string) => (await cms.strapi.documents(uid as never).findFirst({}))!.documentId;

  /** Every admin route that writes a collection type's entry, as [label, method, path, body]. */
  async function collectionWrites(uid: string): Promise<Array<[string, string, string, unknown]>> {
    const id = await first(uid);
    const base = `${CM}/collection-types/${uid}`;
    return [
      ['create', 'POST', base, NEW_ENTRY[uid]!()],
      ['update', 'PUT', `${base}/${id}`, CHANGE[uid]],
      ['delete', 'DELETE', `${base}/${id}`, undefined],
      ['clone', 'POST', `${base}/clone/${id}`, CHANGE[uid]],
      ['auto-clone', 'POST', `${base}/auto-clone/${id}`, {}],
      ['bulk delete', 'POST', `${base}/actions/bulkDelete`, { documentIds: [id] }],
    ];
  }

  describe.each([ATTENDEE, TASK, CATEGORY, DOCUMENT_TYPE])('%s (no draft & publish)', (uid) => {
    it('an author can neither create, update, delete, clone nor bulk-delete; nothing changes', async () => {
      const before = await snapshot(uid);
      for (const [label, method, path, body] of await collectionWrites(uid)) {
        const answer = await rest(`${cms.url}${path}`, { method, token: author, body });
        expect(answer.status, `${label} ${path}`).toBe(403);
      }
      expect(await snapshot(uid)).toBe(before);
    });

    it('an editor can', async () => {
      const base = `${cms.url}${CM}/collection-types/${uid}`;
      const created = await rest(base, { method: 'POST', token: editor, body: NEW_ENTRY[uid]!() });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.data.documentId;
      const updated = await rest(`${base}/${id}`, { method: 'PUT', token: editor, body: CHANGE[uid] });
      expect(updated.status).toBe(200);
      const deleted = await rest(`${base}/${id}`, { method: 'DELETE', token: editor });
      expect(deleted.status).toBe(200);
      expect(await cms.strapi.documents(uid as never).findOne({ documentId: id })).toBeNull();
    });
  });

  describe('site settings', () => {
    it('an author can neither read, change nor delete them; nothing changes', async () => {
      const before = await snapshot(SETTINGS);
      const base = `${cms.url}${CM}/single-types/${SETTINGS}`;
      for (const [method, body] of [['GET', undefined], ['PUT', CHANGE[SETTINGS]], ['DELETE', undefined]] as const) {
        expect((await rest(base, { method, token: author, body })).status, method).toBe(403);
      }
      expect(await snapshot(SETTINGS)).toBe(before);
    });

    it('an editor changes them', async () => {
      const answer = await rest(`${cms.url}${CM}/single-types/${SETTINGS}`, { method: 'PUT', token: editor, body: { slogan: 'Khẩu hiệu mới của biên tập' } });
      expect(answer.status).toBe(200);
      expect((await cms.strapi.documents(SETTINGS).findFirst({}))?.slogan).toBe('Khẩu hiệu mới của biên tập');
    });
  });

  it('an author still writes article drafts that link existing people and categories', async () => {
    const [person, category] = [await first(ATTENDEE), await first(CATEGORY)];
    const created = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}`, {
      method: 'POST',
      token: author,
      body: {
        title: 'Bản nháp của tác giả có đại biểu',
        category: { connect: [{ documentId: category }] },
        attendees: [{ position: 'Chủ tịch UBND quận', person: { connect: [{ documentId: person }] } }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const article = await cms.strapi.documents(ARTICLE).findOne({
      documentId: created.body.data.documentId,
      populate: { category: true, attendees: { populate: { person: true } } },
    });
    expect((article?.category as { documentId: string } | null)?.documentId).toBe(category);
    expect((article?.attendees as Array<{ person: { documentId: string } }>)[0]?.person.documentId).toBe(person);
    const gallery = await rest(`${cms.url}${CM}/collection-types/${GALLERY}`, { method: 'POST', token: author, body: { title: 'Thư viện ảnh nháp của tác giả' } });
    expect(gallery.status).toBe(201);
  });

  it('an author drafts a Văn bản but cannot publish it; an editor publishes it', async () => {
    const type = await first(DOCUMENT_TYPE);
    const base = `${cms.url}${CM}/collection-types/${LEGAL_DOCUMENT}`;
    const draft = await rest(base, {
      method: 'POST',
      token: author,
      body: {
        number: '31/KH-UBND',
        issuingBody: 'UBND phường Hai Bà Trưng',
        issuedAt: '2026-05-04',
        summary: 'Dữ liệu kiểm thử. Kế hoạch do tác giả nhập.',
        documentType: { connect: [{ documentId: type }] },
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.data.documentId;
    const byAuthor = await rest(`${base}/${id}/actions/publish`, { method: 'POST', token: author, body: {} });
    expect(byAuthor.status, JSON.stringify(byAuthor.body)).toBe(403);
    expect(await cms.strapi.documents(LEGAL_DOCUMENT).findOne({ documentId: id, status: 'published' })).toBeNull();
    expect((await rest(`${base}/${id}`, { method: 'DELETE', token: author })).status).toBe(403);
    const byEditor = await rest(`${base}/${id}/actions/publish`, { method: 'POST', token: editor, body: {} });
    expect(byEditor.status, JSON.stringify(byEditor.body)).toBe(200);
    expect((await cms.strapi.documents(LEGAL_DOCUMENT).findOne({ documentId: id, status: 'published' }))?.number).toBe('31/KH-UBND');
  });

  it('holds in the Document Service even when the author role is given the permission by hand', async () => {
    const role = await cms.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
    const granted = await cms.strapi.db.query('admin::permission').create({
      data: { action: 'plugin::content-manager.explorer.create', subject: CATEGORY, properties: { fields: ['name', 'slug', 'description', 'order'] }, conditions: [], role: role.id },
    });
    try {
      const before = await snapshot(CATEGORY);
      const answer = await rest(`${cms.url}${CM}/collection-types/${CATEGORY}`, { method: 'POST', token: author, body: NEW_ENTRY[CATEGORY]!() });
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      expect(await snapshot(CATEGORY)).toBe(before);
    } finally {
      await cms.strapi.db.query('admin::permission').delete({ where: { id: granted.id } });
    }
  });

  it('keeps publishing from an author even when the role is given it by hand', async () => {
    const role = await cms.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
    const own = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}`, { method: 'POST', token: author, body: { title: 'Tác giả tự đăng?' } });
    expect(own.status).toBe(201);
    const documentId = own.body.data.documentId;
    const granted = await Promise.all(
      ['publish', 'delete'].map((action) =>
        cms.strapi.db.query('admin::permission').create({
          data: { action: `plugin::content-manager.explorer.${action}`, subject: ARTICLE, properties: {}, conditions: [], role: role.id },
        }),
      ),
    );
    try {
      const publish = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${documentId}/actions/publish`, { method: 'POST', token: author, body: {} });
      expect(publish.status, JSON.stringify(publish.body)).toBe(403);
      expect(await cms.strapi.documents(ARTICLE).findOne({ documentId, status: 'published' })).toBeNull();
      const sample = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published' }))!.documentId;
      const remove = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${sample}`, { method: 'DELETE', token: author });
      expect(remove.status).toBe(403);
      expect(await cms.strapi.documents(ARTICLE).findOne({ documentId: sample, status: 'published' })).not.toBeNull();
    } finally {
      await cms.strapi.db.query('admin::permission').deleteMany({ where: { id: { $in: granted.map((g) => g.id) } } });
    }
  });

  describe('preview links', () => {
    const linkFor = (token: string, uid: string, documentId?: string) =>
      rest(`${cms.url}${CM}/preview/url/${uid}?${new URLSearchParams({ status: 'draft', ...(documentId ? { documentId } : {}) })}`, { token });

    it("an author gets none for site settings, which their role cannot read; an editor does", async () => {
      const byAuthor = await linkFor(author, SETTINGS);
      expect(byAuthor.status).toBe(403);
      expect(JSON.stringify(byAuthor.body)).not.toContain('signature');
      const byEditor = await linkFor(editor, SETTINGS);
      expect(byEditor.status).toBe(200);
      expect(byEditor.body.data.url).toContain('/ban-xem-truoc/bieu-ngu');
    });

    it("an author gets none for an editor's draft they cannot read; the editor does; the author does for their own", async () => {
      const editorsDraft = await rest(`${cms.url}${CM}/collection-types/${GALLERY}`, { method: 'POST', token: editor, body: { title: 'Ảnh nháp của biên tập, chưa duyệt' } });
      expect(editorsDraft.status).toBe(201);
      const id = editorsDraft.body.data.documentId;
      expect((await rest(`${cms.url}${CM}/collection-types/${GALLERY}/${id}`, { token: author })).status).toBe(403);
      const byAuthor = await linkFor(author, GALLERY, id);
      expect(byAuthor.status).toBe(403);
      expect(JSON.stringify(byAuthor.body)).not.toContain('signature');
      const byEditor = await linkFor(editor, GALLERY, id);
      expect(byEditor.status).toBe(200);
      expect(byEditor.body.data.url).toContain(`/ban-xem-truoc/thu-vien-anh/${id}`);

      const own = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}`, { method: 'POST', token: author, body: { title: 'Bản nháp riêng của tác giả' } });
      expect((await linkFor(author, ARTICLE, own.body.data.documentId)).status).toBe(200);
    });
  });
});
