import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest } from '../helpers/rest.js';
import { createTestDatabase, postgresReachable, type DatabaseClient, type TestDatabase } from '../helpers/test-database.js';

const TABLE = 'portal_content_versions';
const ARTICLE = CONTENT_TYPES.article.uid;
const SETTINGS = CONTENT_TYPES.siteSetting.uid;
const PROCEDURE = CONTENT_TYPES.procedure.uid;
const HISTORY = '/admin/content-history';
const clients: DatabaseClient[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Issue 20, part 1: an entry's versions are read and restored only by those the content
 * manager lets read and update the entry; a hostile parameter is a 400 or a 404 that changes
 * nothing; a restore is judged by the content rules as any save.
 */
describe.each(clients)('the version history on %s, attacked', (client) => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let author: string;
  let editor: string;
  let token: string;

  const knex = () => cms.strapi.db.connection;
  const latestOf = async (uid: string) => (await knex()(TABLE).where({ content_type: uid }).orderBy('id', 'desc').first()) as { id: number; document_id: string };
  const snapshot = async () => ({ versions: await knex()(TABLE).orderBy('id'), audits: (await knex()('portal_audit_log').count({ n: '*' }))[0] });

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    token = await cms.fullAccessToken();
    await createAdminUser(cms, { code: 'strapi-author', email: 'tacgia.lichsu@hbt.example.vn' });
    await createAdminUser(cms, { code: 'strapi-editor', email: 'bientap.lichsu2@hbt.example.vn' });
    author = await adminLogin(cms, 'tacgia.lichsu@hbt.example.vn');
    editor = await adminLogin(cms, 'bientap.lichsu2@hbt.example.vn');
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it.each<[string, () => Promise<{ method?: string; path: string; as?: 'author' | 'editor' | 'token' | 'nobody' }>, number]>([
    ['nobody lists', async () => ({ path: `/entries/${ARTICLE}/${(await latestOf(ARTICLE)).document_id}`, as: 'nobody' }), 401],
    ['nobody restores', async () => ({ method: 'POST', path: `/versions/${(await latestOf(ARTICLE)).id}/restore`, as: 'nobody' }), 401],
    ['a full-access API token restores', async () => ({ method: 'POST', path: `/versions/${(await latestOf(ARTICLE)).id}/restore`, as: 'token' }), 401],
    ["an author lists the site settings' versions, which they may not read", async () => ({ path: `/entries/${SETTINGS}/${(await latestOf(SETTINGS)).document_id}`, as: 'author' }), 403],
    ["an author opens one of the site settings' versions", async () => ({ path: `/versions/${(await latestOf(SETTINGS)).id}`, as: 'author' }), 403],
    ["an author restores one of the site settings' versions", async () => ({ method: 'POST', path: `/versions/${(await latestOf(SETTINGS)).id}/restore`, as: 'author' }), 403],
    ["an author restores an article they did not write", async () => ({ method: 'POST', path: `/versions/${(await latestOf(ARTICLE)).id}/restore`, as: 'author' }), 403],
    ['an id in SQL', async () => ({ method: 'POST', path: `/versions/${encodeURIComponent('1 OR 1=1')}/restore` }), 400],
    ['a negative id', async () => ({ method: 'POST', path: '/versions/-1/restore' }), 400],
    ['an id past the integer range', async () => ({ method: 'POST', path: '/versions/9999999999/restore' }), 400],
    ['an id of twenty digits', async () => ({ path: '/versions/99999999999999999999' }), 400],
    ['an id no version has', async () => ({ method: 'POST', path: '/versions/2147483647/restore' }), 404],
    ["Strapi's own user type", async () => ({ path: `/entries/admin::user/${(await latestOf(ARTICLE)).document_id}` }), 400],
    ['a documentId in SQL', async () => ({ path: `/entries/${ARTICLE}/${encodeURIComponent("x' OR '1'='1")}` }), 400],
    ['a page that is no page', async () => ({ path: `/entries/${ARTICLE}/${(await latestOf(ARTICLE)).document_id}?page=-1` }), 400],
    ['a filter the route does not take', async () => ({ path: `/entries/${ARTICLE}/${(await latestOf(ARTICLE)).document_id}?filters[actor][$ne]=x` }), 400],
  ])('%s, and nothing changes', async (_label, request, status) => {
    const { method = 'GET', path, as = 'editor' } = await request();
    const before = await snapshot();
    const bearer = { author, editor, token, nobody: undefined }[as];
    const answer = await rest(`${cms.url}${HISTORY}${path}`, { method, token: bearer, ...(method === 'POST' ? { body: {} } : {}) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    if (status === 400) expect(JSON.stringify(answer.body.error)).toMatch(/"(id|uid|documentId|page|filters)/);
    expect(await snapshot()).toEqual(before);
  });

  it("lists no version of another type's entry under a type's name", async () => {
    const article = await latestOf(ARTICLE);
    const answer = await rest(`${cms.url}${HISTORY}/entries/${CONTENT_TYPES.category.uid}/${article.document_id}`, { token: editor });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual([]);
  });

  it('refuses a restore that breaks a content rule now (its code taken since), naming the field, and leaves the draft as it was', async () => {
    const procedures = cms.strapi.documents(PROCEDURE);
    const [mine, other] = await procedures.findMany({ status: 'published', sort: 'code:asc', limit: 2 } as never);
    const original = (await knex()(TABLE).where({ document_id: mine!.documentId }).orderBy('id', 'desc').first()) as { id: number };
    // The code moves away from this procedure, and another one takes it.
    await procedures.update({ documentId: mine!.documentId, data: { code: '9.999991' } as never });
    await procedures.publish({ documentId: mine!.documentId });
    await procedures.update({ documentId: other!.documentId, data: { code: mine!.code } as never });
    const draft = await procedures.findOne({ documentId: mine!.documentId, status: 'draft' });
    const before = await snapshot();

    const answer = await rest(`${cms.url}${HISTORY}/versions/${original.id}/restore`, { method: 'POST', token: editor, body: {} });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error.details.errors[0].path).toEqual(['code']);
    expect(await procedures.findOne({ documentId: mine!.documentId, status: 'draft' })).toEqual(draft);
    expect(await snapshot()).toEqual(before);
  });
});
