/**
 * A writer into engagement_page_views from another process, as the engagement service
 * flushes: each round one transaction adds 1–3 views to every page key, with the service's
 * own upsert. Prints what it added, per key, as JSON on its last line.
 * Usage: node --import tsx increment-page-views.ts <rounds> <key>... (database from DATABASE_*).
 */
import knex from 'knex';
import { databaseTarget } from '../../../../scripts/production/database-target.js';
import { ENGAGEMENT_TABLES as T, parsePageKey } from '../../../../cms/src/engagement/engagement-tables.js';

const [rounds, ...keys] = process.argv.slice(2);
const target = databaseTarget(process.env);
const db =
  target.client === 'sqlite'
    ? knex({ client: 'better-sqlite3', connection: { filename: target.file }, useNullAsDefault: true, pool: { min: 1, max: 1 } })
    : knex({ client: 'pg', connection: { host: target.host, port: target.port, database: target.database, user: target.user, password: target.password }, pool: { min: 1, max: 4 } });

const added = Object.fromEntries(keys.map((key) => [key, 0]));
for (let round = 0; round < Number(rounds); round++) {
  const now = new Date().toISOString();
  const batch = keys.map((key) => [key, 1 + ((round + key.length) % 3)] as const);
  await db.transaction(async (trx) => {
    for (const [key, views] of batch) {
      const { type, documentId } = parsePageKey(key)!;
      await trx.raw(
        `INSERT INTO ${T.pageViews} (page_key, content_type, document_id, views, synced, updated_at) VALUES (?, ?, ?, ?, 0, ?)
         ON CONFLICT (page_key) DO UPDATE SET views = ${T.pageViews}.views + excluded.views, updated_at = excluded.updated_at`,
        [key, type, documentId, views, now],
      );
    }
  });
  // Counted only once committed: a failed round would throw and end the process, failing the test.
  for (const [key, views] of batch) added[key]! += views;
  await new Promise((resolve) => setTimeout(resolve, 3));
}
await db.destroy();
console.log(JSON.stringify(added));
