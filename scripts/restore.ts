/**
 * `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back (stop the
 * CMS first), then asks for nothing else: start the CMS, and the publisher rebuilds the site.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.js';
import { databaseTarget } from './production/database-target.js';
import { restoreBackup } from './production/restore.js';
import { readEnvironment } from './publisher/config.js';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error('Usage: npm run restore -- <backup folder>   (one made by npm run backup, e.g. var/backups/2026-…)');
  process.exit(2);
}
const manifest = restoreBackup(path.resolve(positionals[0]!), databaseTarget(readEnvironment()), path.join(repoRoot, 'cms', 'public', 'uploads'));
console.log(`Restored the ${manifest.database} database and the uploads of ${manifest.createdAt}. Start the CMS; run npm run rebuild once it answers.`);
