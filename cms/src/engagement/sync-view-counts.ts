import type { Core } from '@strapi/strapi';
import { isPostgres } from '../audit/audit-table';
import { ENGAGEMENT_TABLES } from './engagement-tables';
import { countedTable } from './counted-table';

/** Pages brought up to date per transaction: short enough never to hold the service's flush for long. */
const BATCH = 200;
export const DEFAULT_SYNC_MS = 5000;

interface PendingRow {
  page_key: string;
  content_type: string;
  document_id: string;
  views: number | string;
  synced: number | string;
}

export interface SyncReport {
  pages: number;
  views: number;
}

/**
 * Adds the views the engagement service counted since the last sync into each entry's
 * viewCount, in every row of the document (draft and published), with raw knex: the Document
 * Service would fire a webhook (a rebuild), record a version and move updatedAt, and a view is
 * none of these. `synced` grows by exactly the delta read, never set to `views`, so what the
 * service adds meanwhile is left for the next sync, neither lost nor counted twice.
 */
export async function syncViewCounts(strapi: Core.Strapi): Promise<SyncReport> {
  const knex = strapi.db.connection;
  const report: SyncReport = { pages: 0, views: 0 };
  // Most ticks have nothing to add: say so without taking SQLite's write lock every 5 s.
  if (!(await knex(ENGAGEMENT_TABLES.pageViews).whereRaw('views > synced').first('page_key'))) return report;
  for (;;) {
    const done = await knex.transaction(async (trx) => {
      if (!isPostgres(knex)) {
        // Take the file's write lock first: a transaction that reads, then writes while the
        // service (another process) writes, is refused at once (SQLITE_BUSY), with no wait.
        await trx(ENGAGEMENT_TABLES.pageViews).where('page_key', '').update({ synced: trx.ref('synced') });
      }
      const query = trx(ENGAGEMENT_TABLES.pageViews)
        .select<PendingRow[]>('page_key', 'content_type', 'document_id', 'views', 'synced')
        .whereRaw('views > synced')
        .orderBy('page_key')
        .limit(BATCH);
      // The rows are held until commit, so two CMS instances never add the same delta; a row the
      // service is writing right now is skipped (no deadlock between the two) and synced next time.
      const rows = isPostgres(knex) ? await query.forUpdate().skipLocked() : await query;
      for (const row of rows) {
        const delta = Number(row.views) - Number(row.synced);
        const target = countedTable(strapi, row.content_type);
        let total: number | null = null;
        if (target) {
          // Every row of the document from the highest among them: a publish that copied a draft
          // read just before a sync would otherwise leave the published row behind for ever.
          const updated = await trx(target.table)
            .where(target.documentId, row.document_id)
            .update({
              [target.viewCount]: trx.raw(`coalesce((select max(??) from ?? where ?? = ?), 0) + ?`, [target.viewCount, target.table, target.documentId, row.document_id, delta]),
            });
          if (updated > 0) {
            const after = await trx(target.table).where(target.documentId, row.document_id).max({ total: target.viewCount }).first();
            total = Number(after?.total ?? 0);
          }
        }
        // A page whose entry is gone (or a type without a count) is marked synced all the same.
        await trx(ENGAGEMENT_TABLES.pageViews)
          .where('page_key', row.page_key)
          .update({ synced: trx.raw('?? + ?', ['synced', delta]), ...(total === null ? {} : { cms_total: total }) });
        report.pages += 1;
        report.views += delta;
      }
      return rows.length < BATCH;
    });
    if (done) return report;
  }
}

export interface ViewCountSync {
  /** One sync now (tests, shutdown); runs after any sync in progress. */
  runNow(): Promise<SyncReport>;
  stop(): Promise<void>;
}

/**
 * Every ENGAGEMENT_SYNC_MS (5 s): syncs never overlap, a failed one (the database busy or away)
 * is logged and the next tick tries again with the same rows, since nothing was marked synced.
 */
export function startViewCountSync(strapi: Core.Strapi, intervalMs = Number(process.env.ENGAGEMENT_SYNC_MS) || DEFAULT_SYNC_MS): ViewCountSync {
  let running: Promise<SyncReport> = Promise.resolve({ pages: 0, views: 0 });
  let stopped = false;
  const run = (): Promise<SyncReport> => {
    running = running.catch(() => undefined).then(() => syncViewCounts(strapi));
    return running;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    run().catch((error: Error) => strapi.log.warn(`Engagement: could not sync view counts (next try in ${intervalMs} ms): ${error.message}`));
  }, intervalMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
