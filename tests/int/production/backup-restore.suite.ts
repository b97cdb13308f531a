import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { withPostgresAdmin } from '../../../scripts/lib/postgres-admin.js';
import { createBackup } from '../../../scripts/production/backup.js';
import { databaseTarget } from '../../../scripts/production/database-target.js';
import { restoreBackup } from '../../../scripts/production/restore.js';
import { verifyChain } from '../../../cms/src/audit/audit-chain.js';
import { readAuditLog } from '../../../cms/src/audit/audit-log.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = 'api::article.article';
const uploadsDir = path.join(repoRoot, 'cms', 'public', 'uploads');
/** Port 9 (discard) on loopback: nothing listens there, so the restore sees the CMS as stopped. */
const stoppedCms = 'http://127.0.0.1:9/_health';

interface Snapshot {
  articles: { documentId: string; title: string; slug: string; publishedAt: string | null }[];
  counts: Record<string, number>;
  files: Record<string, string>;
  /** The audit log's hashes, in order. */
  audit: string[];
}

/** Everything an editor would miss: every article version, every entry, every upload's bytes. */
async function snapshot(cms: TestStrapi): Promise<Snapshot> {
  const articles = (await cms.strapi.db.query(ARTICLE).findMany({ select: ['documentId', 'title', 'slug', 'publishedAt'], orderBy: [{ documentId: 'asc' }, { id: 'asc' }] })) as Snapshot['articles'];
  const counts: Record<string, number> = {};
  for (const uid of ['api::attendee.attendee', 'api::resolution-task.resolution-task', 'api::photo-gallery.photo-gallery', 'api::category.category', 'plugin::upload.file', 'admin::api-token']) {
    counts[uid] = await cms.strapi.db.query(uid as never).count({});
  }
  const uploads = (await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['url'] })) as { url: string }[];
  const files = Object.fromEntries(
    uploads.map(({ url }) => [url, createHash('sha256').update(readFileSync(path.join(repoRoot, 'cms', 'public', url))).digest('hex')]),
  );
  const audit = (await cms.strapi.db.connection('portal_audit_log').orderBy('id').select('hash')).map((row: { hash: string }) => row.hash);
  return { articles: articles.map((a) => ({ ...a, publishedAt: a.publishedAt ? new Date(a.publishedAt).toISOString() : null })), counts, files, audit };
}

/** A backup, the loss of the database and the uploads, a restore: nothing is missing after. */
export function backupRestoreSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let before: Snapshot;
  let backupDir: string;

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    const draft = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Bài viết trước khi sao lưu: lịch tiếp công dân tháng 12' } as never });
    await cms.strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    await cms.strapi.documents(ARTICLE).update({ documentId: draft.documentId, data: { lead: 'Bản nháp sửa sau khi đăng' } as never });
    before = await snapshot(cms);
    backupDir = mkdtempSync(path.join(os.tmpdir(), 'portal-backup-'));
    // While the CMS runs, as a nightly backup would.
    await createBackup(databaseTarget(db.env), { provider: 'local', dir: uploadsDir }, backupDir);
    await cms.stop();
  }, 180_000);

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    if (backupDir) rmSync(backupDir, { recursive: true, force: true });
  });

  it('writes the database, the uploads and a manifest, readable by the owner only', () => {
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.database).toBe(client);
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    for (const file of [manifest.databaseFile, manifest.uploadsFile, 'manifest.json']) {
      expect(existsSync(path.join(backupDir, file))).toBe(true);
      expect(statSync(path.join(backupDir, file)).mode & 0o777).toBe(0o600);
    }
    for (const entry of manifest.files) expect(entry.bytes).toBeGreaterThan(0);
  });

  it('puts back every article version, entry and photo after both are lost', async () => {
    const target = databaseTarget(db.env);
    if (target.client === 'postgres') {
      await withPostgresAdmin((admin) => admin.query(`DROP DATABASE ${target.database} WITH (FORCE)`));
      await withPostgresAdmin((admin) => admin.query(`CREATE DATABASE ${target.database}`));
    } else {
      rmSync(target.file, { force: true });
    }
    for (const url of Object.keys(before.files)) rmSync(path.join(repoRoot, 'cms', 'public', url), { force: true });

    const report = await restoreBackup(backupDir, target, uploadsDir, { cmsHealthUrl: stoppedCms, safetyRoot: backupDir });
    expect(report.safetyDir.startsWith(backupDir)).toBe(true);
    cms = await bootStrapi(db);
    const { audit: _audit, ...after } = await snapshot(cms);
    expect(after.articles).toEqual(before.articles);
    expect(after.counts).toEqual(before.counts);
    expect(after.files).toEqual(before.files);
    expect(after.articles.filter((a) => a.title.startsWith('Bài viết trước khi sao lưu'))).toHaveLength(2);
  });

  it('puts back the audit log whole: every entry of before, and the chain still verifies', async () => {
    const entries = [];
    for await (const entry of readAuditLog(cms.strapi.db.connection)) entries.push(entry);
    expect(entries.slice(0, before.audit.length).map((e) => e.hash)).toEqual(before.audit);
    expect(entries.some((e) => e.action === 'entry.publish' && e.subjectType === ARTICLE)).toBe(true);
    expect(await verifyChain(entries)).toMatchObject({ ok: true, entries: entries.length });
  });

  it('refuses a backup of the other kind of database', async () => {
    const other = client === 'sqlite' ? databaseTarget({ DATABASE_CLIENT: 'postgres' }) : databaseTarget({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: '/tmp/x.db' });
    await expect(restoreBackup(backupDir, other, uploadsDir, { cmsHealthUrl: stoppedCms, safetyRoot: backupDir })).rejects.toThrow(`This backup is of a ${client} database`);
  });
}
