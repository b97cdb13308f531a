import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MANIFEST_FILE, sha256File, strapiVersion, type BackupManifest } from './backup-manifest.js';
import { postgresArgs, type DatabaseTarget } from './database-target.js';

export type { BackupManifest } from './backup-manifest.js';

/** Where the CMS keeps its uploads: its own folder, or an S3 bucket a backup cannot hold. */
export type UploadsSource = { provider: 'local'; dir: string } | { provider: 'aws-s3'; bucket: string };

export interface BackupResult {
  manifest: BackupManifest;
  /** Things the operator must know: a file that changed while being read, a bucket left out. */
  warnings: string[];
}

const require = createRequire(import.meta.url);
// better-sqlite3 comes with the CMS; these are the two calls used here.
type SqliteDatabase = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => { backup(destination: string): Promise<unknown>; close(): void };

/** The uploads source the CMS uses, read from the same variables as cms/config/plugins.ts. */
export function uploadsSource(env: Record<string, string | undefined>, localDir: string): UploadsSource {
  if (env.UPLOAD_PROVIDER === 'aws-s3') return { provider: 'aws-s3', bucket: env.S3_BUCKET || '(S3_BUCKET unset)' };
  return { provider: 'local', dir: localDir };
}

/**
 * Packs a folder as tar.gz. GNU tar exits 1 when a file changed while it was read (an editor
 * uploading during a nightly backup): the archive is still whole, so that is a warning.
 */
export function tarFolder(dir: string, archive: string): string | undefined {
  const args = ['-czf', archive, '--warning=no-file-changed', '-C', path.dirname(dir), ...(existsSync(dir) ? [path.basename(dir)] : ['--files-from', '/dev/null'])];
  const run = spawnSync('tar', args, { encoding: 'utf8' });
  if (run.status === 0) return undefined;
  if (run.status === 1) return `tar: some files changed while they were read; they are in the archive as they were then (${run.stderr.trim() || 'no detail'})`;
  throw new Error(`tar failed (exit ${run.status ?? run.signal}): ${run.stderr.trim()}`);
}

/**
 * A consistent copy of the CMS's database (pg_dump's custom format, or SQLite's online
 * backup, both safe while the CMS runs) and of its uploads folder, with a manifest of
 * checksums that restore verifies. Only the owner can read it: the database holds password
 * hashes and tokens' hashes. Secrets (.env, token files) are never put in.
 */
export async function createBackup(target: DatabaseTarget, uploads: UploadsSource, outDir: string, now = new Date()): Promise<BackupResult> {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  chmodSync(outDir, 0o700);
  const warnings: string[] = [];
  const databaseFile = target.client === 'postgres' ? 'database.dump' : 'data.db';
  const databasePath = path.join(outDir, databaseFile);
  writeFileSync(databasePath, '', { mode: 0o600 });
  if (target.client === 'postgres') {
    const { args, env } = postgresArgs(target);
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--file', databasePath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    const Database = require('better-sqlite3') as SqliteDatabase;
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      await db.backup(databasePath);
    } finally {
      db.close();
    }
  }
  let uploadsFile: string | null = null;
  if (uploads.provider === 'local') {
    uploadsFile = 'uploads.tar.gz';
    const archive = path.join(outDir, uploadsFile);
    writeFileSync(archive, '', { mode: 0o600 });
    const warning = tarFolder(uploads.dir, archive);
    if (warning) warnings.push(warning);
  } else {
    warnings.push(
      `The uploads are in the S3 bucket "${uploads.bucket}", which this backup does not hold: back the bucket up with the storage's own tools (versioning, replication, or e.g. aws s3 sync).`,
    );
  }
  const names = uploadsFile ? [databaseFile, uploadsFile] : [databaseFile];
  const files = [];
  for (const name of names) {
    const file = path.join(outDir, name);
    chmodSync(file, 0o600);
    files.push({ name, bytes: statSync(file).size, sha256: await sha256File(file) });
  }
  const manifest: BackupManifest = {
    format: 2,
    createdAt: now.toISOString(),
    database: target.client,
    strapiVersion: strapiVersion(),
    databaseFile,
    uploadsFile,
    uploadsProvider: uploads.provider,
    files,
  };
  writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { manifest, warnings };
}
