import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DATA_ACTION } from '../../cms/src/bootstrap/ensure-site-token.js';
import { ENGAGEMENT_TABLES as T, monthOf, vietnamDay } from '../../cms/src/engagement/engagement-tables.js';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest } from '../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

type As = 'nobody' | 'author' | 'editor' | 'super' | 'token';

/**
 * Issue 21, the CMS's routes attacked: the build's site data answers the site token only; the
 * "Tương tác" admin routes answer editors and super admins only, never an author, an API token
 * or no one; a forged or hostile parameter is a 400 or a 404 that changes nothing.
 */
describe('the engagement routes of the CMS, attacked', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let dir: string;
  let sessions: Record<Exclude<As, 'nobody'>, string>;
  let commentId: number;
  const COMMENT = 'Góp ý bí mật của người đọc: 0912 345 678';

  beforeAll(async () => {
    db = sqliteDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'portal-engagement-tokens-'));
    cms = await bootStrapi(db, { QUESTION_TOKEN_FILE: path.join(dir, 'question-token') });
    const people = [
      ['author', 'strapi-author', 'tacgia.tuongtac@hbt.example.vn'],
      ['editor', 'strapi-editor', 'bientap.tuongtac2@hbt.example.vn'],
      ['super', 'strapi-super-admin', 'quantri.tuongtac@hbt.example.vn'],
    ] as const;
    const logged: Partial<Record<As, string>> = { token: await cms.fullAccessToken() };
    for (const [as, code, email] of people) {
      await createAdminUser(cms, { code, email });
      logged[as] = await adminLogin(cms, email);
    }
    sessions = logged as typeof sessions;
    const article = (await cms.strapi.documents('api::article.article').findFirst({ status: 'published' }))!;
    const month = monthOf(vietnamDay());
    const knex = cms.strapi.db.connection;
    const [rating] = await knex(T.ratings)
      .insert({ page_key: `article:${article.documentId}`, content_type: 'article', document_id: article.documentId, month, day: vietnamDay(), useful: false, reason: 'khac', created_at: new Date().toISOString() })
      .returning('id');
    const [comment] = await knex(T.ratingComments)
      .insert({ rating_id: rating.id ?? rating, page_key: `article:${article.documentId}`, content_type: 'article', document_id: article.documentId, month, comment: COMMENT, status: 'new', created_at: new Date().toISOString() })
      .returning('id');
    commentId = Number(comment.id ?? comment);
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () => cms.strapi.db.connection(T.ratingComments).where({ id: commentId }).first();

  describe('GET /api/engagement/site-data', () => {
    it('answers the site token, and no comment is in it', async () => {
      const answer = await rest(`${cms.url}/api/engagement/site-data`, { token: cms.siteToken });
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain('0912');
    });

    it('refuses no token, a made-up one, the preview token and the question token', async () => {
      expect((await rest(`${cms.url}/api/engagement/site-data`)).status).toBe(403);
      expect((await rest(`${cms.url}/api/engagement/site-data`, { token: 'a'.repeat(256) })).status).toBe(401);
      expect((await rest(`${cms.url}/api/engagement/site-data`, { token: cms.previewToken })).status).toBe(403);
      const questionFile = path.join(dir, 'question-token');
      if (existsSync(questionFile)) {
        expect((await rest(`${cms.url}/api/engagement/site-data`, { token: readFileSync(questionFile, 'utf8').trim() })).status).toBe(403);
      }
    });

    it('is the site token\'s one grant beyond reading, and the Public role has none of it', async () => {
      const token = await cms.strapi.db.query('admin::api-token').findOne({ where: { name: 'site-build (read-only)' }, populate: ['permissions'] });
      const actions: string[] = token.permissions.map((p: { action: string }) => p.action);
      expect(actions.filter((action) => !/\.(find|findOne)$/.test(action))).toEqual([SITE_DATA_ACTION]);
      const preview = await cms.strapi.db.query('admin::api-token').findOne({ where: { name: { $contains: 'preview' } }, populate: ['permissions'] });
      expect(preview.permissions.map((p: { action: string }) => p.action)).not.toContain(SITE_DATA_ACTION);
      expect(await cms.strapi.db.query('plugin::users-permissions.permission').count({ where: { action: SITE_DATA_ACTION } })).toBe(0);
    });
  });

  describe('the "Tương tác" admin routes', () => {
    const call = (as: As, method: string, route: string, body?: unknown) =>
      rest(`${cms.url}/admin/engagement${route}`, { method, ...(as === 'nobody' ? {} : { token: sessions[as] }), ...(body === undefined ? {} : { body }) });
    const reads = ['/ratings', '/comments', '/most-viewed'];

    it.each<[As, number]>([
      ['nobody', 401],
      ['token', 401],
      ['author', 403],
      ['editor', 200],
      ['super', 200],
    ])('reads as %s: %i', async (as, status) => {
      for (const route of reads) expect((await call(as, 'GET', route)).status, route).toBe(status);
      if (status !== 200) expect(JSON.stringify((await call(as, 'GET', '/comments')).body)).not.toContain('0912');
    });

    it.each<[As, number]>([
      ['nobody', 401],
      ['token', 401],
      ['author', 403],
    ])('moderation as %s is refused (%i) and changes nothing', async (as, status) => {
      const before = await stored();
      expect((await call(as, 'PUT', `/comments/${commentId}`, { status: 'hidden' })).status).toBe(status);
      expect(await stored()).toEqual(before);
    });

    it.each<[string, string, unknown, number]>([
      ['a forged id no comment has', '/comments/2147483647', { status: 'read' }, 404],
      ['an id in SQL', `/comments/${encodeURIComponent('1 OR 1=1')}`, { status: 'read' }, 400],
      ['a negative id', '/comments/-1', { status: 'read' }, 400],
      ['an id past the integer range', '/comments/9999999999', { status: 'read' }, 400],
      ['a status that is not one', `/comments/{id}`, { status: 'public' }, 400],
      ['a field more (making it public)', `/comments/{id}`, { status: 'read', public: true }, 400],
      ['a moderator named by the body', `/comments/{id}`, { status: 'read', moderatedBy: 'ai đó' }, 400],
      ['no body', `/comments/{id}`, undefined, 400],
    ])('moderation with %s: %i, nothing changed', async (_label, route, body, status) => {
      const before = await stored();
      const answer = await call('editor', 'PUT', route.replace('{id}', String(commentId)), body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(await stored()).toEqual(before);
    });

    it.each([
      ['/ratings?month=2026-13', 'month'],
      [`/ratings?month=${encodeURIComponent("2026-01' OR '1'='1")}`, 'month'],
      ['/ratings?since=2026-01-01', 'since'],
      ['/comments?status=public', 'status'],
      ['/comments?page=0', 'page'],
      ['/comments?month=x&status=new', 'month'],
      ['/most-viewed?limit=100000', 'limit'],
    ])('a hostile query %s is a 400 naming %s', async (route, name) => {
      const answer = await call('editor', 'GET', route);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(name);
    });

    it('lets an editor mark the comment read, saying who and when', async () => {
      const answer = await call('editor', 'PUT', `/comments/${commentId}`, { status: 'read' });
      expect(answer.status).toBe(200);
      expect(await stored()).toMatchObject({ status: 'read', moderated_by: expect.stringContaining('bientap.tuongtac2@hbt.example.vn') });
    });
  });
});
