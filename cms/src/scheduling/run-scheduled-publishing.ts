import type { Core, UID } from '@strapi/strapi';
import { ALL_CONTENT_TYPES } from '../content-model/content-types.js';

/** The types declared `scheduled` (publishAt / unpublishAt). */
export const SCHEDULED_TYPES = ALL_CONTENT_TYPES.filter((type) => type.scheduled).map((type) => type.uid as UID.ContentType);

export interface ScheduleRun {
  published: string[];
  unpublished: string[];
}

/**
 * Publishes drafts whose publishAt has come and unpublishes entries whose unpublishAt has
 * come, through the Document Service, so each one fires the same webhook as an editor's
 * click and the site rebuilds. The time is cleared first: a schedule acts once.
 */
export async function runScheduledPublishing(strapi: Core.Strapi, now: Date = new Date()): Promise<ScheduleRun> {
  const run: ScheduleRun = { published: [], unpublished: [] };
  // Only the types this Strapi loaded: a declaration may run ahead of its schema.
  for (const uid of SCHEDULED_TYPES.filter((scheduled) => scheduled in strapi.contentTypes)) {
    const documents = strapi.documents(uid);
    const due = await documents.findMany({ status: 'draft', filters: { publishAt: { $lte: now.toISOString() } }, fields: ['documentId'] as never });
    for (const { documentId } of due) {
      await documents.update({ documentId, data: { publishAt: null } as never });
      await documents.publish({ documentId });
      run.published.push(documentId);
    }
    const expired = await documents.findMany({ status: 'published', filters: { unpublishAt: { $lte: now.toISOString() } }, fields: ['documentId'] as never });
    for (const { documentId } of expired) {
      await documents.update({ documentId, data: { unpublishAt: null } as never });
      await documents.unpublish({ documentId });
      run.unpublished.push(documentId);
    }
  }
  if (run.published.length + run.unpublished.length > 0) {
    strapi.log.info(`Scheduled publishing: ${run.published.length} published, ${run.unpublished.length} unpublished.`);
  }
  return run;
}
