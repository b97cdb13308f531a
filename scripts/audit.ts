/**
 * `npm run audit -- --since 2026-12-07 [--until 2026-12-08] [--format json|csv] [--log all|cms|publisher]`:
 * the audit log, one JSON object a line or CSV, oldest first: the CMS's (its database) and
 * the publisher's (`PUBLISHER_DIR/audit.jsonl`) merged by time, each entry naming its `log`.
 * `npm run audit -- --verify` walks both hash chains and names the first entry of each that
 * was altered or removed (exit 1). See docs/production.md.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { verifyChain, type AuditRecord, type ChainVerdict } from '../cms/src/audit/audit-chain.js';
import { readAuditLog } from '../cms/src/audit/audit-log.js';
import { dayAfter, dayStart } from '../cms/src/audit/audit-days.js';
import { csvField, CSV_BOM } from '../site/src/lib/csv.js';
import { openAuditDatabase } from './production/audit-database.js';
import { databaseTarget } from './production/database-target.js';
import { publisherDirFromEnv, readEnvironment } from './publisher/config.js';
import { AuditLineError, readPublisherAuditLog } from './publisher/publisher-audit-log.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'give a date as YYYY-MM-DD');
const options = z
  .object({
    since: day.optional(),
    until: day.optional(),
    format: z.enum(['json', 'csv']).default('json'),
    log: z.enum(['all', 'cms', 'publisher']).default('all'),
    verify: z.boolean().default(false),
  })
  .refine((o) => o.verify || o.since, { message: '--since <YYYY-MM-DD> is required (or --verify)', path: ['since'] });

type Log = 'cms' | 'publisher';
type Entry = AuditRecord & { log: Log };
const COLUMNS = ['id', 'at', 'actor', 'actorKind', 'action', 'subjectType', 'subjectId', 'detail', 'clientAddress', 'prevHash', 'hash', 'log'] as const;

const { values } = parseArgs({
  options: { since: { type: 'string' }, until: { type: 'string' }, format: { type: 'string' }, log: { type: 'string' }, verify: { type: 'boolean' } },
});
const parsed = options.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const { since, until, format, log, verify } = parsed.data;
const env = readEnvironment();
const publisherDir = publisherDirFromEnv(env);
const db = log === 'publisher' ? undefined : openAuditDatabase(databaseTarget(env));

async function* tagged(records: AsyncIterable<AuditRecord>, name: Log): AsyncGenerator<Entry> {
  for await (const record of records) yield { ...record, log: name };
}

/** Two logs, each already in time order, as one. */
async function* byTime(a: AsyncGenerator<Entry>, b: AsyncGenerator<Entry>): AsyncGenerator<Entry> {
  let [x, y] = await Promise.all([a.next(), b.next()]);
  while (!x.done || !y.done) {
    if (!x.done && (y.done || x.value.at <= y.value.at)) {
      yield x.value;
      x = await a.next();
    } else if (!y.done) {
      yield y.value;
      y = await b.next();
    }
  }
}

async function verifyPublisherLog(): Promise<ChainVerdict | { ok: false; entries: number; id: number; reason: string }> {
  try {
    return await verifyChain(readPublisherAuditLog(publisherDir));
  } catch (error) {
    if (error instanceof AuditLineError) return { ok: false, entries: 0, id: error.line, reason: error.message };
    throw error;
  }
}

const inRange = (entry: AuditRecord) => (!since || entry.at >= dayStart(since)) && (!until || entry.at < dayAfter(until));

async function* publisherEntries(): AsyncGenerator<Entry> {
  if (log === 'cms') return;
  for await (const entry of tagged(readPublisherAuditLog(publisherDir), 'publisher')) if (inRange(entry)) yield entry;
}

async function* cmsEntries(): AsyncGenerator<Entry> {
  if (!db) return;
  const range = (query: import('knex').Knex.QueryBuilder) => {
    if (since) query.where('at', '>=', dayStart(since));
    if (until) query.where('at', '<', dayAfter(until));
    return query;
  };
  yield* tagged(readAuditLog(db, range), 'cms');
}

try {
  if (verify) {
    const verdicts: [string, ChainVerdict][] = [];
    if (db) verdicts.push(['Audit log', await verifyChain(readAuditLog(db))]);
    if (log !== 'cms') verdicts.push(['Publisher audit log', await verifyPublisherLog()]);
    for (const [name, verdict] of verdicts) {
      if (verdict.ok) console.log(`${name} intact: ${verdict.entries} entries, head ${verdict.head}`);
      else {
        console.error(`${name} broken at entry ${verdict.id}: ${verdict.reason}`);
        process.exitCode = 1;
      }
    }
  } else {
    if (format === 'csv') process.stdout.write(`${CSV_BOM}${COLUMNS.join(',')}\r\n`);
    for await (const entry of byTime(cmsEntries(), publisherEntries())) {
      process.stdout.write(format === 'csv' ? `${COLUMNS.map((column) => csvField(entry[column])).join(',')}\r\n` : `${JSON.stringify(entry)}\n`);
    }
  }
} finally {
  await db?.destroy();
}
