import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BackupManifest } from './backup.js';
import { postgresArgs, type DatabaseTarget } from './database-target.js';

const manifestSchema = z.object({
  createdAt: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  databaseFile: z.string(),
  uploadsFile: z.string(),
  bytes: z.record(z.number()),
});

/**
 * Puts a backup back: the database replaced as it was (the CMS must be stopped), the
 * uploads unpacked over the uploads folder (files added since stay). Refuses a backup of
 * the other kind of database.
 */
export function restoreBackup(backupDir: string, target: DatabaseTarget, uploadsDir: string): BackupManifest {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')));
  if (manifest.database !== target.client) {
    throw new Error(`This backup is of a ${manifest.database} database; DATABASE_CLIENT is ${target.client}.`);
  }
  const databaseFile = path.join(backupDir, manifest.databaseFile);
  if (target.client === 'postgres') {
    const { args, env } = postgresArgs(target);
    execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', ...args, databaseFile], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    mkdirSync(path.dirname(target.file), { recursive: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
    copyFileSync(databaseFile, target.file);
  }
  mkdirSync(path.dirname(uploadsDir), { recursive: true });
  execFileSync('tar', ['-xzf', path.join(backupDir, manifest.uploadsFile), '-C', path.dirname(uploadsDir)]);
  return manifest;
}
