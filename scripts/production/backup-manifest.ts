import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../lib/paths.js';

/** A file name inside the backup folder: no separator, no `..`, so a manifest cannot point outside it. */
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain file name inside the backup folder');

export const manifestSchema = z.object({
  format: z.literal(2),
  createdAt: z.string().datetime(),
  database: z.enum(['sqlite', 'postgres']),
  strapiVersion: z.string(),
  databaseFile: fileName,
  /** Null when the uploads live in an S3 bucket, which this backup does not hold. */
  uploadsFile: fileName.nullable(),
  uploadsProvider: z.enum(['local', 'aws-s3']),
  files: z.array(z.object({ name: fileName, bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The Strapi version the CMS runs, recorded so a restore can warn across versions. */
export function strapiVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** Reads and checks a backup's manifest; the error says which part is wrong. */
export function readManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: not a folder made by npm run backup, or a damaged copy.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}): the backup is damaged.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: field "${issue.path.join('.') || '(root)'}" ${issue.message}: the backup is damaged or from an older version.`);
  }
  return parsed.data;
}
