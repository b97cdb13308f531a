import type { Knex } from 'knex';
import { ENGAGEMENT_TABLES as T, parsePageKey } from '../../cms/src/engagement/engagement-tables.js';
import { returnedRows } from './returned-rows.js';

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;
/** Recently flushed (page, visitor) pairs remembered, so a reload is not shown as a new view before the next flush. */
const RECENT_LIMIT = 200_000;

interface Batch {
  day: string;
  /** page key → visitors seen in this batch */
  visits: Map<string, Set<string>>;
}

/**
 * Views, batched in memory and written every flush: each (day, page, visitor) is inserted into
 * `engagement_seen` once, and only the rows that were new count, so a view is counted once per
 * visitor per page per day across every instance on the database. A crash loses the batch
 * in memory (at most ENGAGEMENT_FLUSH_MS of views); a shutdown flushes it.
 */
export class ViewCounter {
  private batch: Batch | undefined;
  /** Batches being written, still part of the live count until they are stored. */
  private writing = new Set<Batch>();
  private recent = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly cache = new Map<string, { at: number; base: number }>();

  constructor(private readonly db: Knex) {}

  record(day: string, key: string, visitor: string): void {
    if (this.batch && this.batch.day !== day) void this.flush().catch(() => {});
    this.batch ??= { day, visits: new Map() };
    if (this.recent.get(`${key}|${visitor}`) === day) return;
    let visitors = this.batch.visits.get(key);
    if (!visitors) this.batch.visits.set(key, (visitors = new Set()));
    visitors.add(visitor);
  }

  /** Views waiting in memory, for a live count that includes the visitor's own. */
  pending(key: string): number {
    let count = this.batch?.visits.get(key)?.size ?? 0;
    for (const batch of this.writing) count += batch.visits.get(key)?.size ?? 0;
    return count;
  }

  /** Views not yet stored: the batch and those being written. */
  get batchSize(): number {
    let size = 0;
    for (const batch of [this.batch, ...this.writing]) for (const visitors of batch?.visits.values() ?? []) size += visitors.size;
    return size;
  }

  /** Takes the batch as it is now; writes run one after another. */
  flush(): Promise<void> {
    const batch = this.batch;
    this.batch = undefined;
    if (!batch || batch.visits.size === 0) return this.flushing;
    this.writing.add(batch);
    const next = this.flushing.then(() => this.write(batch)).finally(() => this.writing.delete(batch));
    this.flushing = next.catch(() => {});
    return next;
  }

  private async write(batch: Batch): Promise<void> {
    // In one order on every instance: two flushes that meet on the same rows wait for each other instead of deadlocking.
    const rows = [...batch.visits]
      .flatMap(([key, visitors]) => [...visitors].map((visitor) => [batch.day, 'view', key, visitor] as const))
      .sort((a, b) => (a[2] === b[2] ? (a[3] < b[3] ? -1 : 1) : a[2] < b[2] ? -1 : 1));
    try {
      await this.db.transaction(async (trx) => {
        const counted = new Map<string, number>();
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK);
          // ON CONFLICT … RETURNING: the same statement on SQLite (≥ 3.35) and PostgreSQL.
          const inserted = returnedRows<{ page_key: string }>(
            await trx.raw(
              `INSERT INTO ${T.seen} (day, kind, page_key, visitor) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING RETURNING page_key`,
              chunk.flat(),
            ),
          );
          for (const { page_key } of inserted) counted.set(page_key, (counted.get(page_key) ?? 0) + 1);
        }
        const now = new Date().toISOString();
        for (const [key, views] of [...counted].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const parsed = parsePageKey(key)!;
          await trx.raw(
            `INSERT INTO ${T.pageViews} (page_key, content_type, document_id, views, synced, updated_at) VALUES (?, ?, ?, ?, 0, ?)
             ON CONFLICT (page_key) DO UPDATE SET views = ${T.pageViews}.views + excluded.views, updated_at = excluded.updated_at`,
            [key, parsed.type, parsed.documentId, views, now],
          );
          await trx.raw(
            `INSERT INTO ${T.dailyViews} (day, page_key, views) VALUES (?, ?, ?)
             ON CONFLICT (day, page_key) DO UPDATE SET views = ${T.dailyViews}.views + excluded.views`,
            [batch.day, key, views],
          );
        }
      });
    } catch (error) {
      // The database was busy or away: the views go back into memory for the next flush.
      this.merge(batch);
      throw error;
    }
    for (const [key, visitors] of batch.visits) for (const visitor of visitors) this.remember(`${key}|${visitor}`, batch.day);
    for (const key of batch.visits.keys()) this.cache.delete(key);
  }

  private merge(batch: Batch): void {
    // A batch of a day that has ended while the database was away is lost with its day.
    if (this.batch && this.batch.day !== batch.day) return;
    this.batch ??= { day: batch.day, visits: new Map() };
    for (const [key, visitors] of batch.visits) {
      const into = this.batch.visits.get(key) ?? new Set<string>();
      for (const visitor of visitors) into.add(visitor);
      this.batch.visits.set(key, into);
    }
  }

  private remember(pair: string, day: string): void {
    this.recent.delete(pair);
    this.recent.set(pair, day);
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
  }

  /**
   * The live number: the CMS's count after its last sync (or, before any, the release's), the
   * views counted since that the CMS has not added yet, and this instance's batch. The stored
   * part is read at most once a second per page.
   */
  async live(key: string, releaseViews: number): Promise<number> {
    const cached = this.cache.get(key);
    let base = cached && Date.now() - cached.at < 1000 ? cached.base : undefined;
    if (base === undefined) {
      const row = await this.db(T.pageViews).where({ page_key: key }).first('views', 'synced', 'cms_total');
      base = row ? Number(row.cms_total ?? releaseViews) + Number(row.views) - Number(row.synced) : releaseViews;
      this.cache.set(key, { at: Date.now(), base });
      if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    }
    return base + this.pending(key);
  }
}
