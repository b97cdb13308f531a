/**
 * What the site build asks the CMS about the public's engagement (GET /api/engagement/site-data,
 * cms/src/engagement/), and how the answer becomes the one stored entry: each page's current
 * "Lượt xem", the week's most-read articles, the ratings' monthly totals.
 */
import { z } from 'astro/zod';

export const SITE_DATA_ENDPOINT = 'engagement/site-data';

/** Counts are bigint columns: PostgreSQL's driver may send them as digit strings. */
const count = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform(Number)
  .pipe(z.number().int().nonnegative());

export const siteDataRaw = z.object({
  viewCounts: z.record(z.string(), count).default({}),
  mostRead: z.array(z.object({ documentId: z.string().min(1), views: count })).default([]),
  ratings: z.array(z.object({ contentType: z.string(), month: z.string(), useful: count, notUseful: count })).default([]),
});

export interface SiteData {
  /** False when the CMS has no such route (an older CMS): pages then show each entry's own viewCount. */
  available: boolean;
  viewCounts: Record<string, number>;
  mostRead: { documentId: string; views: number }[];
  ratings: { contentType: string; month: string; useful: number; notUseful: number }[];
}

export const NO_SITE_DATA: SiteData = { available: false, viewCounts: {}, mostRead: [], ratings: [] };

/** The answer, bare or in Strapi's `{ data }`, checked; a bad one names its field. */
export function readSiteData(body: unknown): SiteData {
  const inner = body && typeof body === 'object' && 'data' in body && !('viewCounts' in body) ? (body as { data: unknown }).data : body;
  const parsed = siteDataRaw.safeParse(inner);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Strapi ${SITE_DATA_ENDPOINT}: field "${issue.path.join('.') || '(answer)'}" ${issue.message.toLowerCase()}`);
  }
  // Sorted keys: the same counts are the same stored entry, whatever order the CMS sent.
  const viewCounts = Object.fromEntries(Object.entries(parsed.data.viewCounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { available: true, viewCounts, mostRead: parsed.data.mostRead, ratings: parsed.data.ratings };
}
