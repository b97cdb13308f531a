import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../../cms/src/audit/audit-days.js';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { adminLogin, createAdminUser, TEST_PASSWORD } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const run = promisify(execFile);
const ARTICLE = CONTENT_TYPES.article.uid;
const SETTINGS = CONTENT_TYPES.siteSetting.uid;
const CM = '/content-manager';
const EDITOR = { code: 'strapi-editor', email: 'bientap.nhatky@hbt.example.vn', firstname: 'Trần Thị', lastname: 'Biên Tập' };
const today = vietnamDay();

interface Entry {
  id: number;
  actor: string;
  actorKind: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: string;
  clientAddress: string | null;
}

/**
 * Issue 20, part 2: the audit log on a real CMS, every entry written by the action itself
 * through the path an editor, a token, the seed or the scheduler takes, and read back through
 * the super admin's route and `npm run audit`.
 */
export function auditLogSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let editor: string;
  let superAdmin: string;

  const entries = async (): Promise<Entry[]> => {
    const rows = await cms.strapi.db.connection('portal_audit_log').orderBy('id');
    return rows.map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      actor: String(row.actor),
      actorKind: String(row.actor_kind),
      action: String(row.action),
      subjectType: row.subject_type as string | null,
      subjectId: row.subject_id as string | null,
      detail: String(row.detail),
      clientAddress: row.client_address as string | null,
    }));
  };
  const since = async () => (await entries()).length;
  const newEntries = async (from: number) => (await entries()).slice(from);
  /** Strapi emits sign-in events without waiting for their listeners: the answer may come before the entry. */
  const atLeast = async (from: number, count: number) => {
    for (const deadline = Date.now() + 5000; (await entries()).length < from + count && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    return newEntries(from);
  };
  const audit = (...args: string[]) =>
    run('npx', ['tsx', 'scripts/audit.ts', '--log', 'cms', ...args], { cwd: repoRoot, env: { ...process.env, ...db.env }, encoding: 'utf8' });
  const login = (email: string, password: string, forwardedFor: string) =>
    fetch(`${cms.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body: JSON.stringify({ email, password }) });

  beforeAll(async () => {
    db = await createTestDatabase(client);
    // Behind nginx, as in production: the client's address is X-Forwarded-For's last entry.
    cms = await bootStrapi(db, { STRAPI_PROXY: 'true', CRON_ENABLED: 'true', SCHEDULING_CRON_RULE: '*/1 * * * * *' });
    token = await cms.fullAccessToken();
    await createAdminUser(cms, EDITOR);
    await createAdminUser(cms, { code: 'strapi-super-admin', email: 'quantri.nhatky@hbt.example.vn', firstname: 'Quản trị' });
    editor = await adminLogin(cms, EDITOR.email);
    superAdmin = await adminLogin(cms, 'quantri.nhatky@hbt.example.vn');
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    for (const name of ['STRAPI_PROXY', 'CRON_ENABLED', 'SCHEDULING_CRON_RULE']) delete process.env[name];
  });

  it('records the first boot: the tokens Strapi made, as the system, and the sample import, as the seed', async () => {
    const all = await entries();
    expect(all.filter((e) => e.action === 'api-token.create' && e.actorKind === 'system').length).toBeGreaterThanOrEqual(2);
    expect(all.some((e) => e.actorKind === 'seed' && e.subjectType === ARTICLE)).toBe(true);
  });

  it('records a sign-in with the name and the address the proxy saw, and a failed one with the email tried and never the password', async () => {
    const from = await since();
    expect((await login(EDITOR.email, TEST_PASSWORD, '203.0.113.7')).status).toBe(200);
    expect((await login(EDITOR.email, 'Sai-mat-khau-9!', '198.51.100.23')).status).toBe(400);
    const [ok, failed] = await atLeast(from, 2);
    expect(ok).toMatchObject({ action: 'admin.login', actorKind: 'admin', actor: `Trần Thị Biên Tập <${EDITOR.email}>`, clientAddress: '203.0.113.7' });
    expect(failed).toMatchObject({ action: 'admin.login.failed', actorKind: 'anonymous', clientAddress: '198.51.100.23' });
    expect(JSON.parse(failed!.detail)).toMatchObject({ email: EDITOR.email });
    expect(failed!.detail).not.toContain('Sai-mat-khau');
  });

  it("records an editor's unpublish and publish in the admin, with the editor's name and the entry's title", async () => {
    const article = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published' }))!;
    const from = await since();
    for (const verb of ['unpublish', 'publish']) {
      const answer = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${article.documentId}/actions/${verb}`, { method: 'POST', token: editor, body: {} });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    const recorded = (await newEntries(from)).filter((e) => e.subjectType === ARTICLE);
    expect(recorded.map((e) => e.action)).toEqual(['entry.unpublish', 'entry.publish']);
    for (const entry of recorded) {
      expect(entry).toMatchObject({ actorKind: 'admin', actor: `Trần Thị Biên Tập <${EDITOR.email}>`, subjectId: article.documentId });
      expect(JSON.parse(entry.detail).title).toBe(article.title);
    }
  });

  it("records a schedule, a publish and a delete through REST under the token's name", async () => {
    const publishAt = new Date(Date.now() + 86_400_000).toISOString();
    const from = await since();
    const created = await rest(`${cms.url}/api/articles?status=draft`, { method: 'POST', token, body: { data: { title: 'Dữ liệu kiểm thử: bài hẹn giờ nhật ký', publishAt } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.data.documentId;
    expect((await rest(`${cms.url}/api/articles/${id}?status=published`, { method: 'PUT', token, body: { data: { publishAt: null } } })).status).toBe(200);
    expect((await rest(`${cms.url}/api/articles/${id}`, { method: 'DELETE', token })).status).toBe(204);
    const recorded = (await newEntries(from)).filter((e) => e.subjectId === id);
    expect(recorded.map((e) => e.action)).toEqual(['entry.schedule', 'entry.schedule', 'entry.publish', 'entry.delete']);
    expect(JSON.parse(recorded[0]!.detail)).toMatchObject({ publishAt });
    expect(new Set(recorded.map((e) => e.actorKind))).toEqual(new Set(['api-token']));
    expect(recorded[0]!.actor).toMatch(/^API token "tests-/);
  });

  it('records what the scheduler publishes on its own, as the scheduler', async () => {
    const draft = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Dữ liệu kiểm thử: bài tự xuất bản' } as never });
    await cms.strapi.db.query(ARTICLE).updateMany({ where: { documentId: draft.documentId }, data: { publishAt: new Date(Date.now() - 1000) } as never });
    const deadline = Date.now() + 20_000;
    let published: Entry | undefined;
    while (!published && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      published = (await entries()).find((e) => e.subjectId === draft.documentId && e.action === 'entry.publish');
    }
    expect(published).toMatchObject({ actorKind: 'scheduler', actor: 'scheduler' });
  });

  it('records a settings change with the fields that changed, and only those', async () => {
    const from = await since();
    const answer = await rest(`${cms.url}${CM}/single-types/${SETTINGS}`, { method: 'PUT', token: superAdmin, body: { slogan: 'Khẩu hiệu mới của nhật ký' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const [entry] = (await newEntries(from)).filter((e) => e.action === 'settings.update');
    expect(entry).toMatchObject({ actorKind: 'admin', actor: expect.stringContaining('quantri.nhatky@hbt.example.vn') });
    expect(JSON.parse(entry!.detail).fields).toEqual(['slogan']);
  });

  it("records a role's change and an API token's creation, regeneration and revocation, never the token", async () => {
    const from = await since();
    const roles = await rest(`${cms.url}/admin/roles`, { token: superAdmin });
    const editorRole = roles.body.data.find((role: { code: string }) => role.code === 'strapi-editor');
    expect((await rest(`${cms.url}/admin/roles/${editorRole.id}`, { method: 'PUT', token: superAdmin, body: { name: editorRole.name, description: 'Biên tập viên (đã sửa)' } })).status).toBe(200);
    const created = await rest(`${cms.url}/admin/api-tokens`, { method: 'POST', token: superAdmin, body: { name: 'nhat-ky-thu', type: 'read-only', lifespan: null } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const regenerated = await rest(`${cms.url}/admin/api-tokens/${created.body.data.id}/regenerate`, { method: 'POST', token: superAdmin, body: {} });
    expect(regenerated.status).toBe(201);
    expect((await rest(`${cms.url}/admin/api-tokens/${created.body.data.id}`, { method: 'DELETE', token: superAdmin })).status).toBe(200);
    const recorded = await newEntries(from);
    expect(recorded.map((e) => e.action).filter((a) => /^(role|api-token)\./.test(a))).toEqual(['role.update', 'api-token.create', 'api-token.regenerate', 'api-token.revoke']);
    const stored = JSON.stringify(await entries());
    for (const secret of [created.body.data.accessKey, regenerated.body.data.accessKey, token, TEST_PASSWORD, editor, superAdmin]) {
      expect(stored).not.toContain(secret);
    }
    const hashes = await cms.strapi.db.connection('strapi_api_tokens').select('access_key');
    for (const { access_key } of hashes) expect(stored).not.toContain(access_key);
  });

  describe('reading it', () => {
    it('is for super admins: an editor, an author and an API token are refused', async () => {
      await createAdminUser(cms, { code: 'strapi-author', email: 'tacgia.nhatky@hbt.example.vn' });
      const author = await adminLogin(cms, 'tacgia.nhatky@hbt.example.vn');
      expect((await rest(`${cms.url}/admin/audit-log`, { token: editor })).status).toBe(403);
      expect((await rest(`${cms.url}/admin/audit-log`, { token: author })).status).toBe(403);
      expect((await rest(`${cms.url}/admin/audit-log`, { token })).status).toBe(401);
      expect((await rest(`${cms.url}/admin/audit-log`)).status).toBe(401);
    });

    it.each([
      ['by user', `user=${encodeURIComponent('Biên Tập')}`, (e: Entry) => e.actor.includes('Biên Tập')],
      ['by action', 'action=entry.publish', (e: Entry) => e.action === 'entry.publish'],
      ['by type', `type=${ARTICLE}`, (e: Entry) => e.subjectType === ARTICLE],
      ['by date', `since=${today}&until=${today}`, () => true],
    ])('filters %s', async (_label, query, keep) => {
      const answer = await rest(`${cms.url}/admin/audit-log?${query}`, { token: superAdmin });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const expected = (await entries()).filter(keep);
      expect(answer.body.meta.total).toBe(expected.length);
      expect(answer.body.data.map((e: Entry) => e.id)).toEqual(expected.map((e) => e.id).reverse().slice(0, 50));
    });

    it.each([
      ['a malformed date', 'since=7/12/2026', 'since'],
      ['an unknown filter', 'password=x', 'query'],
      ['a page of zero', 'page=0', 'page'],
    ])('answers %s with a 400 naming it', async (_label, query, field) => {
      const answer = await rest(`${cms.url}/admin/audit-log?${query}`, { token: superAdmin });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(field);
    });

    it('prints it for the people who run the servers as JSON lines and CSV, and verifies the chain', async () => {
      const json = await audit('--since', today, '--format', 'json');
      const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
      const todays = (await entries()).filter((e) => e.id >= lines[0].id);
      expect(lines.map((e: Entry) => e.id)).toEqual(todays.map((e) => e.id));
      expect(lines.some((e: Entry) => e.action === 'entry.unpublish' && e.actor.includes(EDITOR.email))).toBe(true);
      const csv = await audit('--since', today, '--format', 'csv');
      expect(csv.stdout.startsWith('\uFEFFid,at,actor,actorKind,action,')).toBe(true);
      expect(csv.stdout.trim().split('\r\n')).toHaveLength(lines.length + 1);
      const verify = await audit('--verify');
      expect(verify.stdout).toMatch(new RegExp(`^Audit log intact: ${(await entries()).length} entries`));
    });

    it('refuses a command line without --since or with a bad date, naming the option', async () => {
      await expect(audit('--format', 'csv')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--since') });
      await expect(audit('--since', 'hom-nay')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--since') });
    });
  });
}
