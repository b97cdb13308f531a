import type { Core, UID } from '@strapi/strapi';
import { vietnameseSlug } from '../utils/vietnamese-slug';

/** The field each slug is made from. */
export const SLUG_SOURCES: Record<string, string> = {
  'api::article.article': 'title',
  'api::attendee.attendee': 'fullName',
  'api::photo-gallery.photo-gallery': 'title',
  'api::category.category': 'name',
};

/** An empty slug is made from the title by the Vietnamese rule, with -2, -3… if taken. */
export async function fillSlug(strapi: Core.Strapi, uid: string, data: Record<string, unknown>): Promise<void> {
  const source = SLUG_SOURCES[uid];
  if (!source || (typeof data.slug === 'string' && data.slug.trim() !== '')) return;
  const text = data[source];
  if (typeof text !== 'string' || text.trim() === '') return;
  const base = vietnameseSlug(text);
  if (!base) return;
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await strapi.db.query(uid as UID.Schema).findOne({ where: { slug: candidate }, select: ['id'] });
    if (!taken) {
      data.slug = candidate;
      return;
    }
  }
}
