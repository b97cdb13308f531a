/**
 * Issue 17, item 6: a damaged backup is refused before anything is touched, a restore is
 * refused while the CMS runs, a good one keeps a copy of the live data. Real CMS, real
 * `npm run backup` / `npm run restore` processes, real files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.js';
import { POSTGRES } from '../../scripts/lib/postgres-admin.js';
import { createBackup } from '../../scripts/production/backup.js';
import { verifyBackup } from '../../scripts/production/backup-verify.js';
import { databaseTarget } from '../../scripts/production/database-target.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { postgresDatabase, postgresReachable, sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';
import { runScript } from '../int/publisher/support/run-script.js';

const ARTICLE = 'api::article.article';
const require = createRequire(import.meta.url);
type Sqlite = new (file: string, options?: { readonly?: boolean }) => { prepare(sql: string): { get(...args: unknown[]): unknown; run(...args: unknown[]): unknown }; exec(sql: string): void; close(): void };
const Database = require('better-sqlite3') as Sqlite;

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The manifest rewritten by `edit`, its checksums then made to match the files again (an attacker's, or a careless copy's). */
function editManifest(dir: string, edit: (manifest: Record<string, unknown>) => void, { rehash = true } = {}): void {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { files: { name: string; bytes: number; sha256: string }[] } & Record<string, unknown>;
  edit(manifest);
  if (rehash) {
    for (const entry of manifest.files) {
      const data = path.join(dir, entry.name);
      if (existsSync(data)) Object.assign(entry, { bytes: statSync(data).size, sha256: sha256(data) });
    }
  }
  writeFileSync(file, JSON.stringify(manifest));
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const data = readFileSync(file);
  bytes.copy(data, offset);
  writeFileSync(file, data);
}

function countArticles(file: string, title?: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const row = (title ? db.prepare('select count(*) as n from articles where title = ?').get(title) : db.prepare('select count(*) as n from articles').get()) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** The live SQLite database's bytes, its write-ahead log included. */
function liveFingerprint(file: string): string {
  return ['', '-wal', '-shm'].map((suffix) => (existsSync(file + suffix) ? sha256(file + suffix) : '-')).join(' ');
}

describe('backup and restore on SQLite', () => {
  let db: TestDatabase;
  let cms: TestStrapi | undefined;
  let port: string;
  let work: string;
  let good: string;
  let safetyRoot: string;
  let liveFile: string;
  const beforeTitle = 'Trước khi sao lưu: lịch tiếp công dân';
  const afterTitle = 'Sau khi sao lưu: bài sẽ mất khi khôi phục';

  const cmsEnv = () => ({ ...db.env, HOST: '127.0.0.1', PORT: port, UPLOAD_PROVIDER: 'local' });
  const restore = (dir: string) => runScript('scripts/restore.ts', [dir, '--safety-copy-to', safetyRoot], cmsEnv());

  beforeAll(async () => {
    db = sqliteDatabase();
    liveFile = db.env.DATABASE_FILENAME!;
    work = mkdtempSync(path.join(os.tmpdir(), 'portal-adv-backup-'));
    safetyRoot = path.join(work, 'safety');
    cms = await bootStrapi(db);
    port = new URL(cms.url).port;
    for (const title of [beforeTitle, `${beforeTitle} (2)`]) {
      const draft = await cms.strapi.documents(ARTICLE).create({ data: { title } as never });
      await cms.strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    }
    // While the CMS runs, as the nightly cron job would.
    const backup = await runScript('scripts/backup.ts', ['--out', path.join(work, 'backups')], cmsEnv());
    expect(backup.code, backup.stderr).toBe(0);
    good = path.join(work, 'backups', readdirSync(path.join(work, 'backups'))[0]!);
    await cms.strapi.documents(ARTICLE).create({ data: { title: afterTitle } as never });
  }, 240_000);

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes files only their owner can read, with checksums, and no secret of the environment', () => {
    expect(statSync(good).mode & 0o777).toBe(0o700);
    const manifest = JSON.parse(readFileSync(path.join(good, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string }[]; strapiVersion: string };
    expect(manifest.strapiVersion).toMatch(/^5\./);
    expect(readdirSync(good).sort()).toEqual(['data.db', 'manifest.json', 'uploads.tar.gz']);
    for (const name of readdirSync(good)) expect(statSync(path.join(good, name)).mode & 0o777, name).toBe(0o600);
    for (const entry of manifest.files) expect(sha256(path.join(good, entry.name))).toBe(entry.sha256);
    const everything = Buffer.concat([readFileSync(path.join(good, 'data.db')), spawnSync('tar', ['-xzOf', path.join(good, 'uploads.tar.gz')]).stdout]);
    for (const name of ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'ENCRYPTION_KEY']) {
      expect(everything.includes(process.env[name]!.split(',')[0]!), name).toBe(false);
    }
  });

  it('says the S3 bucket is not in the backup instead of writing an empty archive', async () => {
    const out = path.join(work, 'backups-s3');
    const run = await runScript('scripts/backup.ts', ['--out', out], { ...cmsEnv(), UPLOAD_PROVIDER: 'aws-s3', S3_BUCKET: 'portal-media' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/S3 bucket "portal-media", which this backup does not hold/);
    const dir = path.join(out, readdirSync(out)[0]!);
    expect(readdirSync(dir).sort()).toEqual(['data.db', 'manifest.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ uploadsFile: null, uploadsProvider: 'aws-s3' });
  });

  it('refuses to restore while the CMS answers on its port, and touches nothing', async () => {
    const before = await cms!.strapi.documents(ARTICLE).count({});
    const run = await restore(good);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`The CMS answers at http://127.0.0.1:${port}/_health.*Stop it first`));
    expect(existsSync(safetyRoot)).toBe(false);
    expect(await cms!.strapi.documents(ARTICLE).count({})).toBe(before);
    expect(await cms!.strapi.documents(ARTICLE).count({ filters: { title: afterTitle } })).toBe(1);
  });

  it('keeps a nightly backup whole when an upload grows while tar reads it, with a warning', async () => {
    const uploads = path.join(work, 'growing', 'uploads');
    mkdirSync(uploads, { recursive: true });
    const big = path.join(uploads, 'anh-dang-tai.jpg');
    writeFileSync(big, randomBytes(30 * 1024 * 1024));
    const writer = spawn('sh', ['-c', `while :; do echo x >> '${big}'; done`], { stdio: 'ignore' });
    try {
      const size = statSync(big).size;
      while (statSync(big).size === size) await new Promise((resolve) => setTimeout(resolve, 10));
      const out = path.join(work, 'growing', 'backup');
      const { manifest, warnings } = await createBackup(databaseTarget(db.env), { provider: 'local', dir: uploads }, out);
      expect(warnings.join('\n')).toMatch(/some files changed while they were read/);
      expect(manifest.files.map((f) => f.name)).toEqual(['data.db', 'uploads.tar.gz']);
      // The archive and its checksums pass the restore's own checks.
      await expect(verifyBackup(out, 'sqlite')).resolves.toMatchObject({ contents: [expect.stringMatching(/^SQLite database/), 'uploads: 1 files'] });
    } finally {
      writer.kill();
    }
  });

  // Each case damages a fresh copy of the good backup; the restore must name the problem.
  const damages: { name: string; damage: (dir: string) => void; error: RegExp }[] = [
    { name: 'database truncated to half', damage: (d) => truncateSync(path.join(d, 'data.db'), statSync(path.join(d, 'data.db')).size >> 1), error: /data\.db is \d+ bytes, the manifest says \d+: the file is truncated/ },
    { name: 'bytes flipped in the database', damage: (d) => overwrite(path.join(d, 'data.db'), 5000, Buffer.from('garbage')), error: /data\.db does not match its sha256/ },
    {
      name: 'database pages overwritten, checksums rewritten to match',
      damage: (d) => {
        overwrite(path.join(d, 'data.db'), 4096, Buffer.alloc(4096 * 3, 0xff));
        editManifest(d, () => {});
      },
      error: /SQLite database in the backup (is damaged|fails PRAGMA integrity_check|cannot be opened)/,
    },
    {
      name: 'database header destroyed, checksums rewritten to match',
      damage: (d) => {
        overwrite(path.join(d, 'data.db'), 0, Buffer.alloc(100, 0));
        editManifest(d, () => {});
      },
      error: /SQLite database in the backup (is damaged|cannot be opened)/,
    },
    {
      name: 'an empty SQLite database in its place, checksums rewritten to match',
      damage: (d) => {
        rmSync(path.join(d, 'data.db'));
        const other = new Database(path.join(d, 'data.db'));
        other.exec('create table notes (body text)');
        other.close();
        editManifest(d, () => {});
      },
      error: /not a Strapi database/,
    },
    { name: 'database file deleted', damage: (d) => unlinkSync(path.join(d, 'data.db')), error: /data\.db is missing from the backup/ },
    { name: 'uploads archive truncated', damage: (d) => truncateSync(path.join(d, 'uploads.tar.gz'), 20), error: /uploads\.tar\.gz is 20 bytes/ },
    {
      name: 'uploads archive truncated, checksums rewritten to match',
      damage: (d) => {
        truncateSync(path.join(d, 'uploads.tar.gz'), 20);
        editManifest(d, () => {});
      },
      error: /tar -t refuses the uploads archive/,
    },
    {
      name: 'uploads archive holding an absolute path',
      damage: (d) => {
        const evil = path.join(d, 'evil.txt');
        writeFileSync(evil, 'overwrite me');
        spawnSync('tar', ['-czPf', path.join(d, 'uploads.tar.gz'), evil]);
        editManifest(d, () => {});
      },
      error: /holds a path outside uploads\//,
    },
    { name: 'manifest deleted', damage: (d) => unlinkSync(path.join(d, 'manifest.json')), error: /manifest\.json is missing/ },
    { name: 'manifest cut in the middle', damage: (d) => truncateSync(path.join(d, 'manifest.json'), 40), error: /manifest\.json is not valid JSON/ },
    {
      name: 'a checksum edited in the manifest',
      damage: (d) => editManifest(d, (m) => ((m.files as { sha256: string }[])[0]!.sha256 = '0'.repeat(64)), { rehash: false }),
      error: /data\.db does not match its sha256/,
    },
    {
      name: 'manifest pointing outside the backup folder',
      damage: (d) => editManifest(d, (m) => ((m.files as { name: string }[])[0]!.name = '../../../etc/passwd')),
      error: /field "files\.0\.name" a plain file name/,
    },
    { name: 'manifest of the other database kind', damage: (d) => editManifest(d, (m) => (m.database = 'postgres')), error: /This backup is of a postgres database; DATABASE_CLIENT is sqlite/ },
  ];

  describe('with the CMS stopped', () => {
    let fingerprint: string;
    let articles: number;
    beforeAll(async () => {
      await cms!.stop();
      cms = undefined;
      fingerprint = liveFingerprint(liveFile);
      articles = countArticles(liveFile);
    });

    it.each(damages)('refuses a backup with $name; the live database keeps every byte', async ({ damage, error }) => {
      const dir = mkdtempSync(path.join(work, 'damaged-'));
      cpSync(good, dir, { recursive: true });
      damage(dir);
      const run = await restore(dir);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toMatch(/^Restore refused: /);
      expect(run.stderr).toMatch(error);
      expect(liveFingerprint(liveFile)).toBe(fingerprint);
      expect(existsSync(safetyRoot)).toBe(false);
    });

    it('restores a good backup, says what it restored and keeps the live data aside; the CMS serves the backup', async () => {
      expect(countArticles(liveFile)).toBe(articles);
      // Made by an older Strapi: restored, with a word about the migration at the next start.
      const older = mkdtempSync(path.join(work, 'older-'));
      cpSync(good, older, { recursive: true });
      editManifest(older, (m) => (m.strapiVersion = '5.0.0'));
      const run = await restore(older);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/made with Strapi 5\.0\.0; this CMS runs 5\./);
      // The sample import's article and the two written before the backup, each a draft and a published version.
      expect(run.stdout).toMatch(new RegExp(`SQLite database: \\d+ tables, ${countArticles(path.join(good, 'data.db'))} article rows`));
      expect(countArticles(path.join(good, 'data.db'))).toBe(articles - 1);
      expect(run.stdout).toMatch(/uploads: \d+ files/);
      const [safety] = readdirSync(safetyRoot);
      expect(safety).toMatch(/^pre-restore-/);
      const kept = path.join(safetyRoot, safety!, 'data.db');
      expect(countArticles(kept, afterTitle)).toBe(1);
      expect(statSync(kept).mode & 0o777).toBe(0o600);

      cms = await bootStrapi(db);
      expect(await cms.strapi.documents(ARTICLE).count({ filters: { title: afterTitle } })).toBe(0);
      const titles = (await cms.strapi.documents(ARTICLE).findMany({ status: 'published', fields: ['title'] })).map((a) => a.title).sort();
      expect(titles.filter((t) => t.startsWith(beforeTitle))).toEqual([beforeTitle, `${beforeTitle} (2)`]);
      expect(titles).toHaveLength(3); // and the sample import's article
    });
  });
});

describe('restore of a PostgreSQL dump', async () => {
  const reachable = await postgresReachable();
  let db: TestDatabase;
  let work: string;
  const client = () => new pg.Client({ ...POSTGRES, database: db.env.DATABASE_NAME });
  const liveRows = async () => {
    const c = client();
    await c.connect();
    try {
      return (await c.query<{ title: string }>('select title from notes order by title')).rows.map((r) => r.title);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    if (!reachable) return;
    db = await postgresDatabase();
    work = mkdtempSync(path.join(os.tmpdir(), 'portal-adv-pg-'));
    const c = client();
    await c.connect();
    await c.query("create table notes (title text); insert into notes values ('một'), ('hai')");
    await c.end();
    await createBackup(databaseTarget(db.env), { provider: 'local', dir: path.join(work, 'no-uploads') }, path.join(work, 'good'));
  });

  afterAll(async () => {
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(!reachable)('refuses a truncated dump whose checksums were rewritten; the live database keeps its rows', async () => {
    const dir = path.join(work, 'truncated');
    cpSync(path.join(work, 'good'), dir, { recursive: true });
    truncateSync(path.join(dir, 'database.dump'), statSync(path.join(dir, 'database.dump')).size >> 1);
    editManifest(dir, () => {});
    const c = client();
    await c.connect();
    await c.query("insert into notes values ('ba')");
    await c.end();
    const run = await runScript('scripts/restore.ts', [dir, '--safety-copy-to', path.join(work, 'safety')], { ...db.env, HOST: '127.0.0.1', PORT: '9' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pg_restore --list refuses the database dump/);
    expect((await liveRows()).sort()).toEqual(['ba', 'hai', 'một'].sort());
    expect(existsSync(path.join(work, 'safety'))).toBe(false);
  });
});
