/**
 * `npm run backup [-- --out var/backups]`: the CMS's database and uploads into a new dated
 * folder (safe while the CMS runs). See docs/production.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.js';
import { createBackup } from './production/backup.js';
import { databaseTarget } from './production/database-target.js';
import { readEnvironment } from './publisher/config.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'var/backups' } } });
const now = new Date();
const outDir = path.resolve(repoRoot, values.out, now.toISOString().replace(/[:.]/g, '-'));
const manifest = await createBackup(databaseTarget(readEnvironment()), path.join(repoRoot, 'cms', 'public', 'uploads'), outDir, now);
console.log(`Backup of the ${manifest.database} database and the uploads in ${path.relative(process.cwd(), outDir)}:`);
for (const [file, bytes] of Object.entries(manifest.bytes)) console.log(`  ${file}  ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
