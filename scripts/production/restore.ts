import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { tarFolder } from './backup.js';
import { strapiVersion, type BackupManifest } from './backup-manifest.js';
import { verifyBackup } from './backup-verify.js';
import { postgresArgs, type DatabaseTarget } from './database-target.js';

export interface RestoreOptions {
  /** The CMS's own address, read from HOST and PORT as cms/config/server.ts does. */
  cmsHealthUrl: string;
  /** Where the copy of the live data is kept before it is replaced (a new dated folder inside). */
  safetyRoot: string;
  now?: Date;
}

export interface RestoreReport {
  manifest: BackupManifest;
  contents: string[];
  safetyDir: string;
  warnings: string[];
}

/** The CMS's health URL from the same variables and defaults as cms/config/server.ts. */
export function cmsHealthUrl(env: Record<string, string | undefined>): string {
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || '1337'}/_health`;
}

/** Refuses while anything answers on the CMS's port: a running CMS would keep writing the old database. */
async function assertCmsStopped(url: string): Promise<void> {
  const answer = await new Promise<{ status?: number; code?: string }>((resolve) => {
    const request = http.get(url, { timeout: 3000 }, (response) => {
      response.resume();
      resolve({ status: response.statusCode });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('no answer in 3 s'), { code: 'ETIMEDOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
  });
  if (answer.code === 'ECONNREFUSED') return;
  if (answer.status !== undefined) {
    throw new Error(`The CMS answers at ${url} (HTTP ${answer.status}). Stop it first (systemctl stop portal-cms, or Ctrl-C on npm start), then run the restore again. Nothing was changed.`);
  }
  throw new Error(`Cannot tell whether the CMS at ${url} is stopped (${answer.code}); stop it and run the restore again. Nothing was changed.`);
}

/**
 * Puts a backup back, in this order: verify the whole backup (see verifyBackup), refuse
 * while the CMS runs, copy the live database and uploads aside, unpack the uploads beside
 * their folder, replace the database (one pg_restore transaction, or a SQLite file renamed
 * over the live one), then move the uploads in (files added since stay). A failure before the
 * database is replaced leaves the live data as it was.
 */
export async function restoreBackup(backupDir: string, target: DatabaseTarget, uploadsDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const { manifest, contents } = await verifyBackup(backupDir, target.client);
  await assertCmsStopped(options.cmsHealthUrl);
  const warnings: string[] = [];
  const running = strapiVersion();
  if (manifest.strapiVersion !== running) {
    warnings.push(`The backup was made with Strapi ${manifest.strapiVersion}; this CMS runs ${running}. Strapi migrates the database at its next start: watch its log.`);
  }
  const safetyDir = keepSafetyCopy(target, uploadsDir, options.safetyRoot, options.now ?? new Date(), warnings);

  // The uploads are unpacked beside their folder first: a failure there (a full disk) leaves
  // everything as it was; moving the files in afterwards is only renames.
  const staging = manifest.uploadsFile ? path.join(path.dirname(uploadsDir), `.uploads-restoring-${process.pid}`) : undefined;
  if (staging && manifest.uploadsFile) {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const run = spawnSync('tar', ['-xzf', path.join(backupDir, manifest.uploadsFile), '-C', staging], { encoding: 'utf8' });
    if (run.status !== 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`Could not unpack the uploads (${run.stderr.trim()}); nothing was changed.`);
    }
  } else {
    warnings.push('The uploads were in an S3 bucket: this backup did not hold them; restore the bucket with the storage’s own tools if needed.');
  }

  const databaseFile = path.join(backupDir, manifest.databaseFile);
  if (target.client === 'postgres') {
    const { args, env } = postgresArgs(target);
    const run = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', ...args, databaseFile], { env, encoding: 'utf8' });
    if (run.status !== 0) {
      if (staging) rmSync(staging, { recursive: true, force: true });
      throw new Error(`pg_restore failed and its transaction was rolled back (the live database is as it was; a copy is in ${safetyDir}): ${run.stderr.trim()}`);
    }
  } else {
    mkdirSync(path.dirname(target.file), { recursive: true });
    const incoming = `${target.file}.restoring-${process.pid}`;
    copyFileSync(databaseFile, incoming);
    const fd = openSync(incoming, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    // The old write-ahead log belongs to the old file; replayed onto the new one it would damage it.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target.file}${suffix}`, { force: true });
    renameSync(incoming, target.file);
  }
  if (staging) {
    // Files added since the backup stay; the backup's own are put back as they were.
    moveInto(path.join(staging, path.basename(uploadsDir)), uploadsDir);
    rmSync(staging, { recursive: true, force: true });
  }
  return { manifest, contents, safetyDir, warnings };
}

/** Renames every file of `from` into `to`, folders made as needed. */
function moveInto(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory()) moveInto(source, destination);
    else renameSync(source, destination);
  }
}

/** The live database and uploads, as they are, into safetyRoot/pre-restore-<date>/. */
function keepSafetyCopy(target: DatabaseTarget, uploadsDir: string, safetyRoot: string, now: Date, warnings: string[]): string {
  const dir = path.join(safetyRoot, `pre-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (target.client === 'postgres') {
    const { args, env } = postgresArgs(target);
    const file = path.join(dir, 'database.dump');
    const run = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--file', file, ...args], { env, encoding: 'utf8' });
    if (run.status !== 0) {
      // A database that is gone has nothing to keep; any other failure stops the restore.
      if (/does not exist/.test(run.stderr)) warnings.push(`The live PostgreSQL database did not exist; nothing to keep of it.`);
      else throw new Error(`Could not copy the live database aside (pg_dump: ${run.stderr.trim()}); nothing was changed.`);
    } else chmodSync(file, 0o600);
  } else {
    for (const suffix of ['', '-wal', '-shm']) {
      const live = `${target.file}${suffix}`;
      if (!existsSync(live)) continue;
      const copy = path.join(dir, `data.db${suffix}`);
      copyFileSync(live, copy);
      chmodSync(copy, 0o600);
    }
  }
  const archive = path.join(dir, 'uploads.tar.gz');
  const warning = tarFolder(uploadsDir, archive);
  chmodSync(archive, 0o600);
  if (warning) warnings.push(warning);
  return dir;
}
