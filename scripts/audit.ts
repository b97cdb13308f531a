/**
 * `npm run audit -- --since 2026-12-07 [--until 2026-12-08] [--format json|csv]`: the CMS's
 * audit log, one JSON object a line or CSV; `npm run audit -- --verify` walks the whole hash
 * chain and names the first entry that was altered or removed (exit 1). See docs/production.md.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { verifyChain } from '../cms/src/audit/audit-chain.js';
import { readAuditLog } from '../cms/src/audit/audit-log.js';
import { dayAfter, dayStart } from '../cms/src/audit/audit-days.js';
import { csvField, CSV_BOM } from '../site/src/lib/csv.js';
import { openAuditDatabase } from './production/audit-database.js';
import { databaseTarget } from './production/database-target.js';
import { readEnvironment } from './publisher/config.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'give a date as YYYY-MM-DD');
const options = z
  .object({ since: day.optional(), until: day.optional(), format: z.enum(['json', 'csv']).default('json'), verify: z.boolean().default(false) })
  .refine((o) => o.verify || o.since, { message: '--since <YYYY-MM-DD> is required (or --verify)', path: ['since'] });

const COLUMNS = ['id', 'at', 'actor', 'actorKind', 'action', 'subjectType', 'subjectId', 'detail', 'clientAddress', 'prevHash', 'hash'] as const;

const { values } = parseArgs({ options: { since: { type: 'string' }, until: { type: 'string' }, format: { type: 'string' }, verify: { type: 'boolean' } } });
const parsed = options.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const { since, until, format, verify } = parsed.data;
const db = openAuditDatabase(databaseTarget(readEnvironment()));
try {
  if (verify) {
    const verdict = await verifyChain(readAuditLog(db));
    if (verdict.ok) console.log(`Audit log intact: ${verdict.entries} entries, head ${verdict.head}`);
    else {
      console.error(`Audit log broken at entry ${verdict.id}: ${verdict.reason}`);
      process.exitCode = 1;
    }
  } else {
    if (format === 'csv') process.stdout.write(`${CSV_BOM}${COLUMNS.join(',')}\r\n`);
    const range = (query: import('knex').Knex.QueryBuilder) => {
      if (since) query.where('at', '>=', dayStart(since));
      if (until) query.where('at', '<', dayAfter(until));
      return query;
    };
    for await (const entry of readAuditLog(db, range)) {
      process.stdout.write(format === 'csv' ? `${COLUMNS.map((column) => csvField(entry[column])).join(',')}\r\n` : `${JSON.stringify(entry)}\n`);
    }
  }
} finally {
  await db.destroy();
}
