import type { Core } from '@strapi/strapi';

export const SCHEDULED_TYPES = ['api::article.article', 'api::photo-gallery.photo-gallery'] as const;

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
  for (const uid of SCHEDULED_TYPES) {
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
