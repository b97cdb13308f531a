import type { Core } from '@strapi/strapi';
import type { ContentTypeDeclaration } from '../content-model/content-types.js';
import { AUDIT_TABLE } from '../audit/audit-table';
import { pathOf, type Row } from './live-version';
import { saveRedirect } from './redirect-entries';

const TITLE_MAX = 2000;
const REASON_MAX = 1000;

/** An instant from a datetime, or from a date taken at midnight in Việt Nam. */
function instant(value: unknown): Date | null {
  if (typeof value !== 'string' && !(value instanceof Date) && typeof value !== 'number') return null;
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** When the audit log first saw the entry published, if it did. */
async function firstAuditedPublish(strapi: Core.Strapi, uid: string, documentId: string): Promise<Date | null> {
  const row = (await strapi.db.transaction(async ({ trx }) =>
    (await trx.schema.hasTable(AUDIT_TABLE))
      ? trx(AUDIT_TABLE).where({ action: 'entry.publish', subject_type: uid, subject_id: documentId }).orderBy('id', 'asc').first('at')
      : undefined,
  )) as { at?: string } | undefined;
  return instant(row?.at);
}

/**
 * The earliest known first publication: the entry's own date when it has one (an article's
 * Ngày đăng, a document's issue date), the audit log's first publish, and the publication of
 * the version being withdrawn (Strapi moves that one at every publish).
 */
async function firstPublished(strapi: Core.Strapi, type: ContentTypeDeclaration, live: Row): Promise<Date | null> {
  const own = type.withdrawal?.firstPublishedField ? instant(live[type.withdrawal.firstPublishedField]) : null;
  const known = [own, await firstAuditedPublish(strapi, type.uid, live.documentId), instant(live.publishedAt)].filter((date): date is Date => date !== null);
  return known.length ? new Date(Math.min(...known.map((date) => date.getTime()))) : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * An entry of a withdrawable type was unpublished or deleted: its path answers 410 with the
 * page saying what was there, when it was first published, when it was withdrawn and why (the
 * reason the editor wrote in the draft before unpublishing).
 */
export async function recordWithdrawal(strapi: Core.Strapi, type: ContentTypeDeclaration, live: Row, draft: Row | null): Promise<void> {
  const withdrawal = type.withdrawal;
  const path = pathOf(type, live);
  if (!withdrawal || !path) return;
  const title = withdrawal.titleFields.map((field) => text(live[field])).filter(Boolean).join(': ').slice(0, TITLE_MAX) || null;
  const reason = (text(draft?.[withdrawal.reasonField]) ?? text(live[withdrawal.reasonField]))?.slice(0, REASON_MAX) ?? null;
  await saveRedirect(strapi, path, {
    to: null,
    code: 410,
    origin: 'withdrawal',
    sourceType: type.uid,
    sourceDocumentId: live.documentId,
    title,
    reason,
    firstPublishedAt: (await firstPublished(strapi, type, live))?.toISOString() ?? null,
    withdrawnAt: new Date().toISOString(),
  });
}
