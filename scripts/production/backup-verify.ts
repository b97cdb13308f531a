import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readManifest, sha256File, type BackupManifest } from './backup-manifest.js';

const require = createRequire(import.meta.url);
interface SqliteHandle {
  pragma(source: string, options: { simple: true }): unknown;
  prepare(source: string): { get(): unknown; all(): unknown[] };
  close(): void;
}
type SqliteDatabase = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteHandle;

export interface VerifiedBackup {
  manifest: BackupManifest;
  /** What the backup holds, in words, for the restore's report. */
  contents: string[];
}

/**
 * Checks a whole backup before anything is touched: the manifest and its database kind, every file's size and
 * sha256, then the database itself (SQLite's integrity_check on a copy, or pg_restore --list)
 * and the uploads archive (tar -t). Throws an error naming the first problem.
 */
export async function verifyBackup(backupDir: string, client: BackupManifest['database']): Promise<VerifiedBackup> {
  const manifest = readManifest(backupDir);
  if (manifest.database !== client) throw new Error(`This backup is of a ${manifest.database} database; DATABASE_CLIENT is ${client}. Nothing was changed.`);
  for (const { name, bytes, sha256 } of manifest.files) {
    const file = path.join(backupDir, name);
    if (!existsSync(file)) throw new Error(`${name} is missing from the backup.`);
    const size = statSync(file).size;
    if (size !== bytes) throw new Error(`${name} is ${size} bytes, the manifest says ${bytes}: the file is truncated or damaged.`);
    if ((await sha256File(file)) !== sha256) throw new Error(`${name} does not match its sha256 in the manifest: the file is damaged.`);
  }
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of [manifest.databaseFile, manifest.uploadsFile]) {
    if (name && !listed.has(name)) throw new Error(`The manifest names ${name} but gives no checksum for it.`);
  }
  const contents = [manifest.database === 'sqlite' ? checkSqlite(path.join(backupDir, manifest.databaseFile)) : checkPostgresDump(path.join(backupDir, manifest.databaseFile))];
  if (manifest.uploadsFile) contents.push(checkTar(path.join(backupDir, manifest.uploadsFile)));
  else contents.push(`no uploads: they were in an S3 bucket, which the backup does not hold`);
  return { manifest, contents };
}

/** integrity_check on a temporary copy (opening the file itself could leave a journal beside it). */
function checkSqlite(file: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-restore-check-'));
  try {
    const copy = path.join(dir, 'data.db');
    copyFileSync(file, copy);
    const Database = require('better-sqlite3') as SqliteDatabase;
    let db: SqliteHandle;
    try {
      db = new Database(copy, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new Error(`The SQLite database in the backup cannot be opened: ${(error as Error).message}`);
    }
    try {
      let result: unknown;
      try {
        result = db.pragma('integrity_check', { simple: true });
      } catch (error) {
        throw new Error(`The SQLite database in the backup is damaged: ${(error as Error).message}`);
      }
      if (result !== 'ok') throw new Error(`The SQLite database in the backup fails PRAGMA integrity_check: ${String(result)}`);
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
      if (!tables.some((t) => t.name === 'strapi_migrations_internal' || t.name === 'strapi_database_schema')) {
        throw new Error('The SQLite database in the backup is not a Strapi database (no strapi_database_schema table).');
      }
      const articles = tables.some((t) => t.name === 'articles') ? (db.prepare('select count(*) as n from articles').get() as { n: number }).n : 0;
      return `SQLite database: ${tables.length} tables, ${articles} article rows (drafts and published versions)`;
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkPostgresDump(file: string): string {
  const run = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pg_restore --list refuses the database dump: ${run.stderr.trim() || `exit ${run.status}`}`);
  const tables = run.stdout.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
  if (tables === 0) throw new Error('The PostgreSQL dump holds no table data.');
  return `PostgreSQL dump: ${tables} tables with data`;
}

function checkTar(file: string): string {
  const run = spawnSync('tar', ['-tzf', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`tar -t refuses the uploads archive: ${run.stderr.trim() || `exit ${run.status}`}`);
  const entries = run.stdout.split('\n').filter(Boolean);
  const unsafe = entries.find((entry) => entry.startsWith('/') || entry.split('/').includes('..') || !(entry === 'uploads/' || entry.startsWith('uploads/')));
  if (unsafe) throw new Error(`The uploads archive holds a path outside uploads/: ${unsafe}`);
  return `uploads: ${entries.filter((entry) => !entry.endsWith('/')).length} files`;
}
