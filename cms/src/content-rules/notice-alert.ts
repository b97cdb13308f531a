import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

const NOTICE = CONTENT_TYPES.notice.uid;
const FIELDS = ['kind', 'alertSeverity', 'alertText', 'alertStartsAt', 'alertEndsAt'] as const;
type Alert = Partial<Record<(typeof FIELDS)[number], unknown>>;

/** The draft an update or a clone starts from, read through the database (a Content API read would give the published one). */
async function currentDraft(strapi: Core.Strapi, documentId: string): Promise<Alert | null> {
  const query = strapi.db.query(NOTICE as UID.Schema);
  const select = [...FIELDS];
  return ((await query.findOne({ select, where: { documentId, publishedAt: null } })) ??
    (await query.findOne({ select, where: { documentId } }))) as Alert | null;
}

const present = (value: unknown) => value !== null && value !== undefined && value !== '';
const time = (value: unknown) => (value instanceof Date || typeof value === 'string' ? new Date(value).getTime() : Number.NaN);

/**
 * A notice's alert banner as it will be saved (the data sent over the current draft):
 * - its end must come after its start;
 * - times or text without a severity would be a banner that never shows: the editor meant one;
 * - a downtime notice (kind `downtime`) must carry a banner, since the public notice the law
 *   asks for before planned downtime (Decree 224/2026 Art. 12) is the banner on every page.
 *   The 7 working days are advised in the field's help, not enforced: an unplanned outage
 *   must still be announced at once.
 */
export async function checkNoticeAlert(strapi: Core.Strapi, action: string, data: Record<string, unknown>, documentId: string | undefined): Promise<void> {
  const current = action !== 'create' && documentId ? await currentDraft(strapi, documentId) : null;
  const alert: Alert = {};
  for (const field of FIELDS) alert[field] = field in data ? data[field] : current?.[field];

  const start = time(alert.alertStartsAt);
  const end = time(alert.alertEndsAt);
  if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) {
    throw fieldError(NOTICE, ['alertEndsAt'], 'must be later than alertStartsAt');
  }
  if (!present(alert.alertSeverity)) {
    const orphan = (['alertText', 'alertStartsAt', 'alertEndsAt'] as const).find((field) => present(alert[field]));
    if (orphan) throw fieldError(NOTICE, ['alertSeverity'], `is required when ${orphan} is set (no severity, no banner)`);
    if (alert.kind === 'downtime') throw fieldError(NOTICE, ['alertSeverity'], 'is required for a downtime notice: its banner is the public notice');
  }
}
