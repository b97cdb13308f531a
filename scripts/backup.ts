/**
 * `npm run backup [-- --out var/backups]`: the CMS's database and uploads into a new dated
 * folder (safe while the CMS runs), readable by its owner only. See docs/production.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.js';
import { createBackup, uploadsSource } from './production/backup.js';
import { databaseTarget } from './production/database-target.js';
import { readEnvironment } from './publisher/config.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'var/backups' } } });
const env = readEnvironment();
const now = new Date();
const outDir = path.resolve(repoRoot, values.out, now.toISOString().replace(/[:.]/g, '-'));
const { manifest, warnings } = await createBackup(databaseTarget(env), uploadsSource(env, path.join(repoRoot, 'cms', 'public', 'uploads')), outDir, now);
console.log(`Backup of the ${manifest.database} database${manifest.uploadsFile ? ' and the uploads' : ''} in ${path.relative(process.cwd(), outDir) || outDir}:`);
for (const { name, bytes } of manifest.files) console.log(`  ${name}  ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
for (const warning of warnings) console.warn(`Warning: ${warning}`);
