import type { Core } from '@strapi/strapi';
import { currentActor } from '../audit/audit-actor';
import { VIEWED_TYPES } from '../engagement/engagement-tables';

/** The types whose `viewCount` the public's views bring up to date (engagement/sync-view-counts.ts). */
export const COUNTED_TYPES: readonly string[] = VIEWED_TYPES.map((name) => `api::${name}.${name}`);

/**
 * "Lượt xem" is counted, not typed: a write from the admin, REST, a restore or the scheduler
 * drops the value it carries. An editor's form holds the number it loaded, so saving it (or
 * restoring a version) would throw away the views counted since. Only the seed and scripts,
 * which import numbers from elsewhere, may set it. Runs after the schema's limits, so a
 * negative number is still a 400 naming the field rather than silently gone.
 */
export function dropTypedViewCount(strapi: Core.Strapi, uid: string, action: string, data: Record<string, unknown>): void {
  // A copy would otherwise take the original's count, which its page never had.
  if (!COUNTED_TYPES.includes(uid) || (action !== 'clone' && !('viewCount' in data))) return;
  const { kind } = currentActor(strapi);
  if (kind === 'seed' || kind === 'script') return;
  // An update keeps the stored count; a new entry (or a copy of one) starts from none.
  if (action === 'update') delete data.viewCount;
  else data.viewCount = 0;
}
