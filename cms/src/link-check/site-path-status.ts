import type { Core, UID } from '@strapi/strapi';
import { ALL_CONTENT_TYPES, CONTENT_TYPES, type ContentTypeDeclaration } from '../content-model/content-types';

/**
 * What a body's link to the portal leads to, as the CMS knows it now: a published entry's page,
 * an entry with only a draft (the link breaks until it is published), nothing, or a redirect
 * (301/302; a 410 is a withdrawn page, so `missing`). `unknown` for a path that is no entry's
 * page (a listing, the contact page): the release's own check covers those.
 */
export type SitePathStatus = 'published' | 'draft-only' | 'missing' | 'redirected' | 'unknown';

/** Types whose entries each have a page at urlBase + slug + "/", longest base first (`/van-ban/loai/` before `/van-ban/`). */
const ENTRY_TYPES = ALL_CONTENT_TYPES.filter((type) => type.urlBase && type.slugFrom).sort((a, b) => b.urlBase!.length - a.urlBase!.length);

/** The type and slug of an entry's page, or null: `/tin-tuc/ten-bai/` → article, `ten-bai`. */
export function entryOfPath(path: string): { type: ContentTypeDeclaration; slug: string } | null {
  for (const type of ENTRY_TYPES) {
    if (!path.startsWith(type.urlBase!)) continue;
    const rest = path.slice(type.urlBase!.length).replace(/\/$/, '');
    if (rest === '' || rest.includes('/')) continue;
    try {
      return { type, slug: decodeURIComponent(rest).normalize('NFC') };
    } catch {
      return null;
    }
  }
  return null;
}

/** The path as redirects store it: starting and ending with `/`. */
const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

export async function sitePathStatus(strapi: Core.Strapi, path: string): Promise<SitePathStatus> {
  const entry = entryOfPath(withSlash(path));
  if (entry) {
    const rows = (await strapi.db.query(entry.type.uid as UID.Schema).findMany({ where: { slug: entry.slug }, select: ['publishedAt'] })) as Array<{ publishedAt: unknown }>;
    if (rows.some((row) => row.publishedAt || !entry.type.draftAndPublish)) return 'published';
    if (rows.length > 0) return 'draft-only';
  }
  const redirect = (await strapi.db.query(CONTENT_TYPES.redirect.uid as UID.Schema).findOne({ where: { from: withSlash(path) }, select: ['code'] })) as { code?: number } | null;
  if (redirect) return redirect.code === 410 ? 'missing' : 'redirected';
  return entry ? 'missing' : 'unknown';
}
