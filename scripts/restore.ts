/**
 * `npm run restore -- <backup folder> [--safety-copy-to var/backups]`: checks a backup made by
 * `npm run backup` as a whole, refuses while the CMS runs, keeps a copy of the live data, then
 * puts the backup back. Start the CMS after; the publisher rebuilds the site.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.js';
import { databaseTarget } from './production/database-target.js';
import { cmsHealthUrl, restoreBackup } from './production/restore.js';
import { readEnvironment } from './publisher/config.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'safety-copy-to': { type: 'string', default: 'var/backups' } } });
if (positionals.length !== 1) {
  console.error('Usage: npm run restore -- <backup folder>   (one made by npm run backup, e.g. var/backups/2026-…)');
  process.exit(2);
}
const env = readEnvironment();
try {
  const report = await restoreBackup(path.resolve(positionals[0]!), databaseTarget(env), path.join(repoRoot, 'cms', 'public', 'uploads'), {
    cmsHealthUrl: cmsHealthUrl(env),
    safetyRoot: path.resolve(repoRoot, values['safety-copy-to']),
  });
  console.log(`Restored the backup of ${report.manifest.createdAt} (Strapi ${report.manifest.strapiVersion}):`);
  for (const line of report.contents) console.log(`  ${line}`);
  console.log(`The live data as it was before is in ${path.relative(process.cwd(), report.safetyDir) || report.safetyDir}.`);
  for (const warning of report.warnings) console.warn(`Warning: ${warning}`);
  console.log('Start the CMS; run npm run rebuild once it answers.');
} catch (error) {
  console.error(`Restore refused: ${(error as Error).message}`);
  process.exit(1);
}
