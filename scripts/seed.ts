/**
 * `npm run seed`: imports the sample content by hand, even where the first-boot import
 * already ran or SEED=false. Entries that exist are kept as they are.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { runAs } from '../cms/src/audit/audit-actor.js';
import { cmsDir, loadStrapi, stopStrapi } from './lib/strapi-app.js';

const require = createRequire(import.meta.url);
const { seedSampleContent } = require(path.join(cmsDir, 'dist', 'src', 'seed', 'seed-sample-content.js')) as
  typeof import('../cms/src/seed/seed-sample-content.js');

process.env.SEED = 'false';
const strapi = await loadStrapi();
try {
  const report = await runAs('script', () => seedSampleContent(strapi));
  console.log(`Sample content: ${report.created.length} created, ${report.kept.length} already there.`);
  for (const entry of report.created) console.log(`  + ${entry}`);
} finally {
  await stopStrapi(strapi);
}
