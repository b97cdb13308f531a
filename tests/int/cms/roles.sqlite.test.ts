import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLogin, createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const CM = '/content-manager/collection-types/api::article.article';

/** The newsroom roles, through the same admin API the Strapi admin UI calls. */
describe('newsroom roles: Tác giả writes, Biên tập publishes', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  const tokens: Record<'author' | 'editor', string> = { author: '', editor: '' };
  let sample: string;
  let authorsArticle: string;

  async function adminUser(code: string, email: string): Promise<string> {
    await createAdminUser(cms, { code, email });
    return adminLogin(cms, email);
  }

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    tokens.author = await adminUser('strapi-author', 'tacgia@hbt.example.vn');
    tokens.editor = await adminUser('strapi-editor', 'bientap@hbt.example.vn');
    sample = (await cms.strapi.documents('api::article.article').findFirst({ status: 'published' }))!.documentId;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it('names the roles in Vietnamese', async () => {
    const names = (await cms.strapi.db.query('admin::role').findMany()).map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Tác giả', 'Biên tập']));
  });

  it('lets an author write a draft, not publish it; an editor publishes it', async () => {
    const draft = await rest(`${cms.url}${CM}`, { method: 'POST', token: tokens.author, body: { title: 'Tin của tác giả' } });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data.documentId;
    authorsArticle = documentId;

    const byAuthor = await rest(`${cms.url}${CM}/${documentId}/actions/publish`, { method: 'POST', token: tokens.author, body: {} });
    expect(byAuthor.status).toBe(403);
    expect(await cms.strapi.documents('api::article.article').findOne({ documentId, status: 'published' })).toBeNull();

    const byEditor = await rest(`${cms.url}${CM}/${documentId}/actions/publish`, { method: 'POST', token: tokens.editor, body: {} });
    expect(byEditor.status).toBe(200);
    expect(await cms.strapi.documents('api::article.article').findOne({ documentId, status: 'published' })).not.toBeNull();
  });

  it('keeps an author from deleting published news, even their own', async () => {
    for (const documentId of [authorsArticle, sample]) {
      const response = await rest(`${cms.url}${CM}/${documentId}`, { method: 'DELETE', token: tokens.author });
      expect(response.status).toBe(403);
      expect(await cms.strapi.documents('api::article.article').findOne({ documentId, status: 'published' })).not.toBeNull();
    }
  });

  it('lets an editor unpublish', async () => {
    const response = await rest(`${cms.url}${CM}/${sample}/actions/unpublish`, { method: 'POST', token: tokens.editor, body: {} });
    expect(response.status).toBe(200);
  });

  it('gives the newsroom a type added to an older install once, and keeps an administrator\'s choice after that', async () => {
    const LEGAL = 'api::legal-document.legal-document';
    const TYPES = 'api::document-type.document-type';
    const permissions = async (code: string, subject: string) =>
      (await cms.strapi.db.query('admin::permission').findMany({ where: { role: { code }, subject } })) as { action: string; conditions: string[] }[];
    // An install from before Văn bản: neither role holds anything on it, and it was never given.
    // The managed list of document types was given, and an administrator has since taken it away.
    await cms.strapi.db.query('admin::permission').deleteMany({ where: { subject: { $in: [LEGAL, TYPES] }, role: { code: { $in: ['strapi-author', 'strapi-editor'] } } } });
    const record = cms.strapi.store({ type: 'core', name: 'portal', key: 'newsroom-role-types' });
    const given = (await record.get({})) as { types: string[] };
    expect(given.types).toContain(LEGAL);
    await record.set({ value: { types: given.types.filter((uid) => uid !== LEGAL) } });

    await cms.stop();
    cms = await bootStrapi(db);
    const actions = (rows: { action: string }[]) => rows.map((row) => row.action.replace('plugin::content-manager.explorer.', '')).sort();
    expect(actions(await permissions('strapi-editor', LEGAL))).toEqual(['create', 'delete', 'publish', 'read', 'update']);
    const author = await permissions('strapi-author', LEGAL);
    expect(actions(author)).toEqual(['create', 'read', 'update']);
    expect(author.every((row) => row.conditions.includes('admin::is-creator'))).toBe(true);
    expect(await permissions('strapi-editor', TYPES)).toEqual([]);

    const editor = await adminUser('strapi-editor', 'bientap2@hbt.example.vn');
    const draft = await rest(`${cms.url}/content-manager/collection-types/${LEGAL}`, { method: 'GET', token: editor });
    expect(draft.status).toBe(200);
  });
});
