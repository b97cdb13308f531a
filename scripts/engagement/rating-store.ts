import type { Knex } from 'knex';
import { ENGAGEMENT_TABLES as T, monthOf } from '../../cms/src/engagement/engagement-tables.js';
import type { RatingInput } from './form-fields.js';
import type { ManifestPage } from './page-manifest.js';
import { returnedRows } from './returned-rows.js';

/**
 * One rating per visitor per page per day, decided by the insert into `engagement_seen` inside
 * the rating's transaction, so two instances cannot both take it. The rating itself is stored
 * without the visitor: the hash lives only in `engagement_seen`, until its day ends.
 */
export async function recordRating(db: Knex, page: ManifestPage, day: string, visitor: string, input: RatingInput): Promise<'recorded' | 'duplicate'> {
  return db.transaction(async (trx) => {
    const result: unknown = await trx.raw(
      `INSERT INTO ${T.seen} (day, kind, page_key, visitor) VALUES (?, 'rating', ?, ?) ON CONFLICT DO NOTHING RETURNING page_key`,
      [day, page.key, visitor],
    );
    if (returnedRows(result).length === 0) return 'duplicate';
    const now = new Date().toISOString();
    const month = monthOf(day);
    const [inserted] = await trx(T.ratings)
      .insert({
        page_key: page.key,
        content_type: page.type,
        document_id: page.documentId,
        month,
        day,
        useful: input['huu-ich'] === 'co',
        reason: input['ly-do'] ?? null,
        created_at: now,
      })
      .returning('id');
    const ratingId = typeof inserted === 'object' ? (inserted as { id: number }).id : inserted;
    if (input['gop-y']) {
      await trx(T.ratingComments).insert({
        rating_id: ratingId,
        page_key: page.key,
        content_type: page.type,
        document_id: page.documentId,
        month,
        comment: input['gop-y'],
        status: 'new',
        created_at: now,
      });
    }
    return 'recorded';
  });
}
