import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import type { LegalDocumentAsSaved } from './legal-document-as-saved';

/** A date field's day, YYYY-MM-DD, as the API, the admin or the database give it; undefined if it is not one (Strapi's own check says why). */
function day(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}

/** A document cannot take effect before it is issued; the same day is usual. */
export function checkLegalDocumentDates(entry: LegalDocumentAsSaved): void {
  const issued = day(entry.issuedAt);
  const effective = day(entry.effectiveAt);
  if (issued && effective && effective < issued) {
    throw fieldError(CONTENT_TYPES.legalDocument.uid, ['effectiveAt'], `(${effective}) must not be before the issued date (${issued})`);
  }
}
