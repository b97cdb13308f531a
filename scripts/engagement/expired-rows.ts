import type { Knex } from 'knex';
import { ENGAGEMENT_TABLES as T } from '../../cms/src/engagement/engagement-tables.js';

/** What may be forgotten: visitor hashes of past days (no hash outlives its day), spent windows and challenges. */
export async function purgeExpired(db: Knex, today: string, now = Date.now()): Promise<void> {
  await db(T.seen).where('day', '<', today).delete();
  await db(T.rateLimits).where('window_start', '<', now - 2 * 86_400_000).delete();
  await db(T.altchaSpent).where('expires_at', '<', now).delete();
}
