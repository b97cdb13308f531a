import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { postgresArgs, type DatabaseTarget } from './database-target.js';

export interface BackupManifest {
  createdAt: string;
  database: DatabaseTarget['client'];
  /** File names inside the backup folder. */
  databaseFile: string;
  uploadsFile: string;
  bytes: Record<string, number>;
}

const require = createRequire(import.meta.url);
// better-sqlite3 comes with the CMS; these are the two calls used here.
type SqliteDatabase = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => { backup(destination: string): Promise<unknown>; close(): void };

/**
 * A consistent copy of the CMS's database (pg_dump's custom format, or SQLite's online
 * backup, both safe while the CMS runs) and of its uploads folder, with a manifest.
 */
export async function createBackup(target: DatabaseTarget, uploadsDir: string, outDir: string, now = new Date()): Promise<BackupManifest> {
  mkdirSync(outDir, { recursive: true });
  const databaseFile = target.client === 'postgres' ? 'database.dump' : 'data.db';
  if (target.client === 'postgres') {
    const { args, env } = postgresArgs(target);
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--file', path.join(outDir, databaseFile), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    const Database = require('better-sqlite3') as SqliteDatabase;
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      await db.backup(path.join(outDir, databaseFile));
    } finally {
      db.close();
    }
  }
  const uploadsFile = 'uploads.tar.gz';
  const parent = path.dirname(uploadsDir);
  const folder = path.basename(uploadsDir);
  execFileSync('tar', ['-czf', path.join(outDir, uploadsFile), '-C', parent, ...(existsSync(uploadsDir) ? [folder] : ['--files-from', '/dev/null'])]);
  const manifest: BackupManifest = {
    createdAt: now.toISOString(),
    database: target.client,
    databaseFile,
    uploadsFile,
    bytes: Object.fromEntries([databaseFile, uploadsFile].map((file) => [file, statSync(path.join(outDir, file)).size])),
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
