import type { Core, UID } from '@strapi/strapi';
import { ALL_CONTENT_TYPES } from '../content-model/content-types.js';
import { vietnameseSlug } from '../utils/vietnamese-slug';

/** The field each type's slug is made from: its declaration's slugFrom. */
export const SLUG_SOURCES: Readonly<Record<string, string>> = Object.fromEntries(
  ALL_CONTENT_TYPES.flatMap((type) => (type.slugFrom ? [[type.uid, type.slugFrom]] : [])),
);

/** Slugs are URL path segments; a 300-character title would make one unreadably long. */
const SLUG_MAX_LENGTH = 190;

/** Cuts at a word boundary, so no slug ends mid-word. */
function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : max);
}

/** The slug for this text by the Vietnamese rule, with -2, -3… if another document has it. */
export async function uniqueSlug(strapi: Core.Strapi, uid: string, text: string, ownDocumentId?: string): Promise<string> {
  const base = truncateSlug(vietnameseSlug(text), SLUG_MAX_LENGTH);
  if (!base) return '';
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const where = { slug: candidate, ...(ownDocumentId ? { documentId: { $ne: ownDocumentId } } : {}) };
    if (!(await strapi.db.query(uid as UID.Schema).findOne({ where, select: ['id'] }))) return candidate;
  }
}

/**
 * An empty slug is made from the title (the declared slugFrom) by the Vietnamese rule: a new entry's, or one an
 * editor emptied. An update that does not send the slug keeps it, so a corrected title never
 * moves a published page.
 */
export async function fillSlug(strapi: Core.Strapi, uid: string, data: Record<string, unknown>, creating: boolean): Promise<void> {
  const source = SLUG_SOURCES[uid];
  if (!source || (!creating && !('slug' in data)) || (typeof data.slug === 'string' && data.slug.trim() !== '')) return;
  const text = data[source];
  if (typeof text !== 'string' || text.trim() === '') return;
  const slug = await uniqueSlug(strapi, uid, text);
  if (slug) data.slug = slug;
}
