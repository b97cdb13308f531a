import type { Knex } from 'knex';
import { ENGAGEMENT_TABLES as T } from '../../cms/src/engagement/engagement-tables.js';
import { returnedRows } from './returned-rows.js';

/**
 * Fixed windows counted in the database, so every instance behind nginx shares them. A bucket
 * found over its limit is remembered in memory until its window ends: a flood from one visitor
 * costs no database write after the first refusal.
 */
export class RateLimiter {
  private blocked = new Map<string, number>();

  constructor(private readonly db: Knex) {}

  /** Counts one hit; true while the bucket is within `limit` hits per `windowMs`. */
  async allow(bucket: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
    const windowStart = now - (now % windowMs);
    const until = this.blocked.get(bucket);
    if (until !== undefined) {
      if (until > now) return false;
      this.blocked.delete(bucket);
    }
    const result: unknown = await this.db.raw(
      `INSERT INTO ${T.rateLimits} (bucket, window_start, hits) VALUES (?, ?, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = ${T.rateLimits}.hits + 1 RETURNING hits`,
      [bucket, windowStart],
    );
    if (Number(returnedRows<{ hits: number | string }>(result)[0]?.hits) <= limit) return true;
    this.blocked.set(bucket, windowStart + windowMs);
    if (this.blocked.size > 100_000) this.blocked.delete(this.blocked.keys().next().value!);
    return false;
  }
}
