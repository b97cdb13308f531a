import type { Core } from '@strapi/strapi';
import { COMMENT_STATUSES, ENGAGEMENT_TABLES, RATING_REASONS, VIEWED_TYPES, type CommentStatus } from './engagement-tables';
import { pageTitles, type PageTitle } from './page-titles';
import { liveCounts, weekStart } from './site-data';

/** What the "Tương tác" admin page reads; every answer names its pages by their entries. */

type Named<T> = T & { pageKey: string; contentType: string; documentId: string } & Omit<PageTitle, 'published'>;

const named = async <T extends { pageKey: string }>(strapi: Core.Strapi, rows: T[]): Promise<Array<Named<T>>> => {
  const titles = await pageTitles(strapi, rows.map((row) => row.pageKey));
  return rows.map((row) => {
    const [contentType, documentId] = row.pageKey.split(':') as [string, string];
    const title = titles.get(row.pageKey);
    return { ...row, contentType, documentId, title: title?.title ?? null, typeLabel: title?.typeLabel ?? contentType, uid: title?.uid ?? `api::${contentType}.${contentType}` };
  });
};

export interface PageRatings {
  pageKey: string;
  useful: number;
  notUseful: number;
  /** reason value → how many chose it (only those chosen). */
  reasons: Record<string, number>;
  comments: number;
}

/** The months that have ratings, newest first (the page's month selector). */
export async function ratedMonths(strapi: Core.Strapi): Promise<string[]> {
  const rows = (await strapi.db.connection(ENGAGEMENT_TABLES.ratings).distinct('month').orderBy('month', 'desc')) as Array<{ month: string }>;
  return rows.map((row) => row.month);
}

/** A month's ratings per page, most rated first. */
export async function ratingsByPage(strapi: Core.Strapi, month: string): Promise<Array<Named<PageRatings>>> {
  const knex = strapi.db.connection;
  const rows = (await knex(ENGAGEMENT_TABLES.ratings)
    .select('page_key', 'useful', 'reason')
    .count({ total: '*' })
    .where({ month })
    .groupBy('page_key', 'useful', 'reason')) as Array<{ page_key: string; useful: boolean | number; reason: string | null; total: number | string }>;
  const comments = (await knex(ENGAGEMENT_TABLES.ratingComments).select('page_key').count({ total: '*' }).where({ month }).groupBy('page_key')) as Array<{
    page_key: string;
    total: number | string;
  }>;
  const pages = new Map<string, PageRatings>();
  for (const row of rows) {
    const page = pages.get(row.page_key) ?? { pageKey: row.page_key, useful: 0, notUseful: 0, reasons: {}, comments: 0 };
    const total = Number(row.total);
    // SQLite answers a boolean as 0/1, PostgreSQL as true/false.
    if (row.useful === true || row.useful === 1) page.useful += total;
    else page.notUseful += total;
    if (row.reason && row.reason in RATING_REASONS) page.reasons[row.reason] = (page.reasons[row.reason] ?? 0) + total;
    pages.set(row.page_key, page);
  }
  for (const row of comments) {
    const page = pages.get(row.page_key);
    if (page) page.comments = Number(row.total);
  }
  const sorted = [...pages.values()].sort((a, b) => b.useful + b.notUseful - (a.useful + a.notUseful) || a.pageKey.localeCompare(b.pageKey));
  return named(strapi, sorted);
}

export interface CommentRow {
  id: number;
  pageKey: string;
  month: string;
  comment: string;
  status: CommentStatus;
  createdAt: string;
  moderatedAt: string | null;
  moderatedBy: string | null;
  /** The rating it came with: useful or not, and its reason. */
  useful: boolean | null;
  reason: string | null;
}

export const COMMENTS_PAGE_SIZE = 50;

/** Comments in one moderation state, newest first, a page at a time. */
export async function listComments(
  strapi: Core.Strapi,
  filter: { status: CommentStatus; month?: string | undefined; page: number },
): Promise<{ data: Array<Named<CommentRow>>; total: number; counts: Record<CommentStatus, number> }> {
  const knex = strapi.db.connection;
  const C = ENGAGEMENT_TABLES.ratingComments;
  const R = ENGAGEMENT_TABLES.ratings;
  const filtered = () => {
    const query = knex(C).where(`${C}.status`, filter.status);
    if (filter.month) query.where(`${C}.month`, filter.month);
    return query;
  };
  const [counted] = await filtered().count({ total: '*' });
  const rows = (await filtered()
    .leftJoin(R, `${R}.id`, `${C}.rating_id`)
    .select(`${C}.*`, `${R}.useful as rating_useful`, `${R}.reason as rating_reason`)
    .orderBy(`${C}.id`, 'desc')
    .limit(COMMENTS_PAGE_SIZE)
    .offset((filter.page - 1) * COMMENTS_PAGE_SIZE)) as Array<Record<string, unknown>>;
  const byStatus = (await knex(C).select('status').count({ total: '*' }).modify((query) => (filter.month ? query.where({ month: filter.month }) : query)).groupBy('status')) as Array<{
    status: CommentStatus;
    total: number | string;
  }>;
  const counts = Object.fromEntries(COMMENT_STATUSES.map((status) => [status, Number(byStatus.find((row) => row.status === status)?.total ?? 0)])) as Record<CommentStatus, number>;
  const data = rows.map(
    (row): CommentRow => ({
      id: Number(row.id),
      pageKey: String(row.page_key),
      month: String(row.month),
      comment: String(row.comment),
      status: row.status as CommentStatus,
      createdAt: String(row.created_at),
      moderatedAt: row.moderated_at ? String(row.moderated_at) : null,
      moderatedBy: row.moderated_by ? String(row.moderated_by) : null,
      useful: row.rating_useful === null || row.rating_useful === undefined ? null : row.rating_useful === true || row.rating_useful === 1,
      reason: row.rating_reason ? String(row.rating_reason) : null,
    }),
  );
  return { data: await named(strapi, data), total: Number(counted?.total ?? 0), counts };
}

export interface ViewedPage {
  pageKey: string;
  views: number;
}

const MOST_VIEWED = 20;

/** The most viewed pages: this week's (the last 7 Vietnam days, as "Đọc nhiều") and of all time. */
export async function mostViewed(strapi: Core.Strapi, now = new Date()): Promise<{ since: string; week: Array<Named<ViewedPage>>; allTime: Array<Named<ViewedPage>> }> {
  const since = weekStart(now);
  const viewed = VIEWED_TYPES.map((type) => `${type}:%`);
  const weekRows = (await strapi.db
    .connection(ENGAGEMENT_TABLES.dailyViews)
    .select('page_key')
    .sum({ views: 'views' })
    .where('day', '>=', since)
    .where((query) => viewed.forEach((pattern) => query.orWhere('page_key', 'like', pattern)))
    .groupBy('page_key')
    .orderByRaw('sum(views) desc, page_key')
    .limit(MOST_VIEWED)) as Array<{ page_key: string; views: number | string }>;
  const allTime = [...(await liveCounts(strapi))]
    .map(([pageKey, views]) => ({ pageKey, views }))
    .filter((page) => page.views > 0)
    .sort((a, b) => b.views - a.views || a.pageKey.localeCompare(b.pageKey))
    .slice(0, MOST_VIEWED);
  return {
    since,
    week: await named(strapi, weekRows.map((row) => ({ pageKey: row.page_key, views: Number(row.views) }))),
    allTime: await named(strapi, allTime),
  };
}
