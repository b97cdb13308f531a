import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';

const NOTICE = CONTENT_TYPES.notice.uid as UID.ContentType;

/** When the last run looked, kept in Strapi's store so a restart neither loses nor repeats an edge. */
const CHECKED = { type: 'core', name: 'scheduling', key: 'alert-edges-checked-at' } as const;

/**
 * The site shows a notice's alert banner from alertStartsAt until alertEndsAt, as of its last
 * build; nothing changes in the CMS at those times. So each run of the scheduler that
 * publishes articles (the CMS cron) looks for the edges that passed since its previous run, of
 * published notices with a banner, and emits entry.update for each such notice: the same
 * webhook as an editor's save of a published entry, so the publisher rebuilds the site (a
 * notice's build is full) and the banner comes or goes within one cron period. The previous
 * run's time is stored, so an edge passed while the CMS was down is caught at its first run;
 * it is saved after the events go out, so a crash in between repeats an edge, never drops it.
 * The end by unpublishAt needs nothing: the unpublish rebuilds.
 */
export async function runAlertEdges(strapi: Core.Strapi, now: Date = new Date()): Promise<string[]> {
  if (!(NOTICE in strapi.contentTypes)) return [];
  const store = strapi.store(CHECKED);
  const stored = await store.get({});
  const last = typeof stored === 'string' ? new Date(stored) : undefined;
  let emitted: string[] = [];
  // A first run has nothing to catch up on; a clock set back looks again from now.
  if (last && !Number.isNaN(last.getTime()) && last < now) {
    const passed = { $gt: last.toISOString(), $lte: now.toISOString() };
    const rows = (await strapi.documents(NOTICE).findMany({
      status: 'published',
      filters: { alertSeverity: { $notNull: true }, $or: [{ alertStartsAt: passed }, { alertEndsAt: passed }] } as never,
    })) as unknown as Array<{ documentId: string }>;
    const model = strapi.getModel(NOTICE);
    for (const row of rows) {
      await strapi.eventHub.emit('entry.update', { model: model.modelName, uid: NOTICE, entry: row });
    }
    emitted = [...new Set(rows.map((row) => row.documentId))];
    if (emitted.length > 0) strapi.log.info(`Alert banners: ${emitted.length} notice(s) reached a start or end, rebuilding.`);
  }
  await store.set({ value: now.toISOString() });
  return emitted;
}
