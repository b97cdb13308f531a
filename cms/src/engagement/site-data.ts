import type { Core } from '@strapi/strapi';
import { isPostgres } from '../audit/audit-table';
import { countedTable } from './counted-table';
import { ENGAGEMENT_TABLES, pageKey, RATED_TYPES, VIEWED_TYPES, vietnamDay } from './engagement-tables';

export interface SiteData {
  /** Every published viewed page's count: the CMS's viewCount plus the views not synced into it yet. */
  viewCounts: Record<string, number>;
  /** "Đọc nhiều": published articles by views of the last 7 Vietnam days (today included), top 5. */
  mostRead: Array<{ documentId: string; views: number }>;
  /** The public summary (/danh-gia/): per rated type and month. */
  ratings: Array<{ contentType: string; month: string; useful: number; notUseful: number }>;
}

export const MOST_READ_DAYS = 7;
export const MOST_READ_COUNT = 5;

const DAY_MS = 86_400_000;

/** The first day of the "Đọc nhiều" week ending today (Vietnam's calendar). */
export const weekStart = (now = new Date()): string => vietnamDay(new Date(now.getTime() - (MOST_READ_DAYS - 1) * DAY_MS));

/**
 * Each published viewed entry's count as a visitor sees it: the CMS's viewCount plus what the
 * service counted that the CMS has not synced yet. Both are read in one snapshot (a sync moves
 * views from one to the other), so a sync in between neither hides nor doubles them.
 */
export async function liveCounts(strapi: Core.Strapi): Promise<Map<string, number>> {
  const knex = strapi.db.connection;
  return knex.transaction(
    async (trx) => {
      const counts = new Map<string, number>();
      for (const apiName of VIEWED_TYPES) {
        const target = countedTable(strapi, apiName);
        if (!target) continue;
        const rows = (await trx(target.table)
          .select({ documentId: target.documentId, viewCount: target.viewCount })
          .whereNotNull(target.publishedAt)) as Array<{ documentId: string; viewCount: number | string | null }>;
        for (const row of rows) counts.set(pageKey(apiName, row.documentId), Number(row.viewCount ?? 0));
      }
      const unsynced = (await trx(ENGAGEMENT_TABLES.pageViews).select('page_key', 'views', 'synced').whereRaw('views > synced')) as Array<{
        page_key: string;
        views: number | string;
        synced: number | string;
      }>;
      for (const row of unsynced) {
        const base = counts.get(row.page_key);
        if (base !== undefined) counts.set(row.page_key, base + Number(row.views) - Number(row.synced));
      }
      return counts;
    },
    // SQLite's transactions are serialisable already; PostgreSQL's default sees each statement's own moment.
    isPostgres(knex) ? { isolationLevel: 'repeatable read' } : undefined,
  );
}

/**
 * What the site build needs of engagement, read from the CMS's tables and the service's: the
 * build shows the number as of the release, "Đọc nhiều" and the ratings' summary. Nothing of
 * a visitor is in it (the tables hold none), and no comment: comments are never public.
 */
export async function siteData(strapi: Core.Strapi, now = new Date()): Promise<SiteData> {
  const knex = strapi.db.connection;
  const counts = await liveCounts(strapi);

  const week = (await knex(ENGAGEMENT_TABLES.dailyViews)
    .select('page_key')
    .sum({ views: 'views' })
    .where('day', '>=', weekStart(now))
    .where('page_key', 'like', 'article:%')
    .groupBy('page_key')) as Array<{ page_key: string; views: number | string }>;
  const mostRead = week
    .filter((row) => counts.has(row.page_key))
    .map((row) => ({ documentId: row.page_key.slice('article:'.length), views: Number(row.views) }))
    .sort((a, b) => b.views - a.views || a.documentId.localeCompare(b.documentId))
    .slice(0, MOST_READ_COUNT);

  const rated = (await knex(ENGAGEMENT_TABLES.ratings)
    .select('content_type', 'month')
    .select(knex.raw('sum(case when useful then 1 else 0 end) as useful'))
    .select(knex.raw('sum(case when useful then 0 else 1 end) as not_useful'))
    .whereIn('content_type', [...RATED_TYPES])
    .groupBy('content_type', 'month')
    .orderBy([{ column: 'month', order: 'desc' }, { column: 'content_type' }])) as Array<{ content_type: string; month: string; useful: number | string; not_useful: number | string }>;

  return {
    viewCounts: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
    mostRead,
    ratings: rated.map((row) => ({ contentType: row.content_type, month: row.month, useful: Number(row.useful), notUseful: Number(row.not_useful) })),
  };
}
