import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.js';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest } from '../helpers/rest.js';
import { createTestDatabase, postgresReachable, type DatabaseClient, type TestDatabase } from '../helpers/test-database.js';

const run = promisify(execFile);
const TABLE = 'portal_audit_log';
const clients: DatabaseClient[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Issue 20: nobody quietly edits the audit log. Writes to it are refused whoever makes them;
 * someone who gets round that (drops the triggers) is named by `npm run audit -- --verify`;
 * only a super admin reads it, through no route but the admin's.
 */
describe.each(clients)('the audit log on %s, attacked', (client) => {
  let db: TestDatabase;
  let cms: TestStrapi;

  const knex = () => cms.strapi.db.connection;
  const verify = () =>
    run('npx', ['tsx', 'scripts/audit.ts', '--verify', '--log', 'cms'], { cwd: repoRoot, env: { ...process.env, ...db.env }, encoding: 'utf8' }).then(
      (done) => ({ code: 0, out: done.stdout }),
      (failed: { code: number; stderr: string }) => ({ code: failed.code, out: failed.stderr }),
    );
  const dropTriggers = async () => {
    if (client === 'postgres') {
      for (const name of ['no_change', 'no_truncate']) await knex().raw(`DROP TRIGGER ${TABLE}_${name} ON ${TABLE}`);
    } else {
      for (const name of ['no_update', 'no_delete']) await knex().raw(`DROP TRIGGER ${TABLE}_${name}`);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    await createAdminUser(cms, { code: 'strapi-author', email: 'tacgia.tancong@hbt.example.vn' });
    await createAdminUser(cms, { code: 'strapi-editor', email: 'bientap.tancong@hbt.example.vn' });
    // Some entries of people, not only of the first boot.
    for (const email of ['tacgia.tancong@hbt.example.vn', 'bientap.tancong@hbt.example.vn']) await adminLogin(cms, email);
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it.each<[string, () => PromiseLike<unknown>]>([
    ['an UPDATE of one entry', () => knex()(TABLE).where({ id: 2 }).update({ actor: 'Người khác' })],
    ['an UPDATE of every entry', () => knex()(TABLE).update({ detail: '{}' })],
    ['a DELETE of one entry', () => knex()(TABLE).where({ id: 2 }).del()],
    ['a DELETE of the whole log', () => knex()(TABLE).del()],
    ['an UPDATE in raw SQL', () => knex().raw(`UPDATE ${TABLE} SET actor = 'x' WHERE id = 1`)],
    ...(client === 'postgres' ? [['a TRUNCATE', () => knex().raw(`TRUNCATE ${TABLE}`)] as [string, () => PromiseLike<unknown>]] : []),
  ])('refuses %s and keeps every entry as it was', async (_label, attack) => {
    const before = await knex()(TABLE).orderBy('id');
    await expect(attack()).rejects.toThrow(/append-only/);
    expect(await knex()(TABLE).orderBy('id')).toEqual(before);
  });

  it('answers nothing of the log to an author, an editor, an API token or nobody, on any route', async () => {
    const token = await cms.fullAccessToken();
    const author = await adminLogin(cms, 'tacgia.tancong@hbt.example.vn');
    const editor = await adminLogin(cms, 'bientap.tancong@hbt.example.vn');
    for (const [who, bearer, status] of [['an author', author, 403], ['an editor', editor, 403], ['a full-access API token', token, 401], ['nobody', undefined, 401]] as const) {
      for (const path of ['/admin/audit-log', '/admin/audit-log?user=quantri', '/admin//audit-log', '/admin/AUDIT-LOG']) {
        const answer = await rest(`${cms.url}${path}`, { token: bearer });
        expect([status, 404], `${who} on ${path}`).toContain(answer.status);
        expect(JSON.stringify(answer.body ?? '')).not.toContain('prevHash');
      }
    }
    for (const path of ['/api/audit-log', '/api/portal-audit-log', '/api/portal_audit_log', '/audit-log']) {
      const answer = await rest(`${cms.url}${path}`, { token });
      expect(answer.status, path).toBe(404);
    }
  });

  it('names the entry someone altered or removed after dropping the triggers', async () => {
    expect((await verify()).code).toBe(0);
    await dropTriggers();
    const [second] = await knex()(TABLE).where({ id: 2 });
    await knex()(TABLE).where({ id: 2 }).update({ actor: 'Người khác <khac@example.gov.vn>' });
    const altered = await verify();
    expect(altered.code).toBe(1);
    expect(altered.out).toMatch(/entry 2 was altered/);

    await knex()(TABLE).where({ id: 2 }).update({ actor: second.actor });
    expect((await verify()).code).toBe(0);
    await knex()(TABLE).where({ id: 3 }).del();
    const removed = await verify();
    expect(removed.code).toBe(1);
    expect(removed.out).toMatch(/entry 4 follows entry 2: 1 missing/);
  });
});
