import type { Knex } from 'knex';
import { vietnamDay } from '../audit/audit-days';

/**
 * The public's engagement (views, ratings, the service's own limits), in tables beside
 * Strapi's, like the audit log's: Strapi's schema sync leaves them alone. Declared here once;
 * the CMS creates them at boot and the engagement service (scripts/engagement/) at start, so
 * either may come up first.
 */
export const ENGAGEMENT_TABLES = {
  pageViews: 'engagement_page_views',
  dailyViews: 'engagement_daily_views',
  seen: 'engagement_seen',
  ratings: 'engagement_ratings',
  ratingComments: 'engagement_rating_comments',
  rateLimits: 'engagement_rate_limits',
  altchaSpent: 'engagement_altcha_spent',
} as const;

/** The Strapi API names whose pages count views / ask for a rating. */
export const VIEWED_TYPES = ['article', 'legal-document', 'photo-gallery'] as const;
export const RATED_TYPES = ['article', 'legal-document', 'procedure'] as const;
export const ENGAGEMENT_TYPES = ['article', 'legal-document', 'photo-gallery', 'procedure'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/** A rating's optional reason: the value posted → what the admin and the form show. */
export const RATING_REASONS = {
  'de-hieu': 'Dễ hiểu, đủ thông tin',
  'kho-hieu': 'Khó hiểu',
  'thieu-thong-tin': 'Thiếu thông tin',
  'loi-thoi': 'Thông tin đã cũ',
  'loi-trang': 'Trang bị lỗi',
  khac: 'Lý do khác',
} as const;
export type RatingReason = keyof typeof RATING_REASONS;

/** Moderation states of a rating's comment; none is ever public. */
export const COMMENT_STATUSES = ['new', 'read', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_MAX_LENGTH = 500;

/** `<apiName>:<documentId>`: one page's key in every table, the manifest and the beacon. */
export const pageKey = (type: EngagementType, documentId: string): string => `${type}:${documentId}`;

const KEY_PATTERN = /^([a-z-]+):([A-Za-z0-9]{1,64})$/;

export function parsePageKey(key: string): { type: EngagementType; documentId: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match || !(ENGAGEMENT_TYPES as readonly string[]).includes(match[1]!)) return null;
  return { type: match[1] as EngagementType, documentId: match[2]! };
}

/** Counts and summaries are kept by Vietnam's calendar day (audit-days' vietnamDay) and month. */
export { vietnamDay };
export const monthOf = (day: string): string => day.slice(0, 7);

export async function ensureEngagementTables(knex: Knex): Promise<void> {
  const create = async (name: string, build: (table: Knex.CreateTableBuilder) => void) => {
    if (await knex.schema.hasTable(name)) return;
    // Two processes may both find it missing: the loser's error is the winner's table.
    await knex.schema.createTable(name, build).catch(async (error: Error) => {
      if (!(await knex.schema.hasTable(name))) throw error;
    });
  };
  await create(ENGAGEMENT_TABLES.pageViews, (t) => {
    t.string('page_key', 100).primary();
    t.string('content_type', 32).notNullable();
    t.string('document_id', 64).notNullable();
    t.bigInteger('views').notNullable().defaultTo(0);
    t.bigInteger('synced').notNullable().defaultTo(0);
    t.bigInteger('cms_total').nullable();
    t.string('updated_at', 32).notNullable();
  });
  await create(ENGAGEMENT_TABLES.dailyViews, (t) => {
    t.string('day', 10).notNullable();
    t.string('page_key', 100).notNullable();
    t.integer('views').notNullable().defaultTo(0);
    t.primary(['day', 'page_key']);
  });
  await create(ENGAGEMENT_TABLES.seen, (t) => {
    t.string('day', 10).notNullable();
    t.string('kind', 8).notNullable();
    t.string('page_key', 100).notNullable();
    t.string('visitor', 64).notNullable();
    t.primary(['day', 'kind', 'page_key', 'visitor']);
  });
  await create(ENGAGEMENT_TABLES.ratings, (t) => {
    t.increments('id').primary();
    t.string('page_key', 100).notNullable();
    t.string('content_type', 32).notNullable();
    t.string('document_id', 64).notNullable();
    t.string('month', 7).notNullable();
    t.string('day', 10).notNullable();
    t.boolean('useful').notNullable();
    t.string('reason', 32).nullable();
    t.string('created_at', 32).notNullable();
    t.index(['month', 'page_key'], 'engagement_ratings_month');
  });
  await create(ENGAGEMENT_TABLES.ratingComments, (t) => {
    t.increments('id').primary();
    t.integer('rating_id').notNullable();
    t.string('page_key', 100).notNullable();
    t.string('content_type', 32).notNullable();
    t.string('document_id', 64).notNullable();
    t.string('month', 7).notNullable();
    t.string('comment', 2000).notNullable();
    t.string('status', 8).notNullable().defaultTo('new');
    t.string('created_at', 32).notNullable();
    t.string('moderated_at', 32).nullable();
    t.string('moderated_by', 320).nullable();
    t.index(['status', 'id'], 'engagement_comments_status');
  });
  await create(ENGAGEMENT_TABLES.rateLimits, (t) => {
    t.string('bucket', 120).notNullable();
    t.bigInteger('window_start').notNullable();
    t.integer('hits').notNullable().defaultTo(0);
    t.primary(['bucket', 'window_start']);
  });
  await create(ENGAGEMENT_TABLES.altchaSpent, (t) => {
    t.string('signature', 128).primary();
    t.bigInteger('expires_at').notNullable();
  });
}
