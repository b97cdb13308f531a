import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import type { LegalDocumentAsSaved } from './legal-document-as-saved';

const LEGAL_DOCUMENT = CONTENT_TYPES.legalDocument.uid;

/** How a number or a body is compared: "12/2021/QĐ-UBND" is "12/2021/qđ-ubnd", typed in NFC or NFD, with any spacing. */
export const comparable = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * The part of a number the database may narrow on: up to its first space or non-ASCII letter,
 * which SQLite's LIKE would not fold and NFD would spell otherwise ("QĐ" stored as "qđ", "Ạ"
 * as "A" + a mark). Only a prefix, so the database returns a few candidates, compared here in
 * full. Stored numbers have no leading space (legal-document-text.ts).
 */
const asciiPrefix = (text: string): string => /^[\x21-\x7e]*/.exec(text)![0];

/**
 * A number and symbol (số, ký hiệu) is given once by each issuing body: two documents of the
 * same body may not share it, whatever its case or Unicode spelling. A document's own draft
 * and published versions are one document.
 */
export async function checkLegalDocumentNumberUnique(strapi: Core.Strapi, entry: LegalDocumentAsSaved): Promise<void> {
  if (typeof entry.number !== 'string' || typeof entry.issuingBody !== 'string') return;
  const number = comparable(entry.number);
  const body = comparable(entry.issuingBody);
  if (!number || !body) return;
  const prefix = asciiPrefix(number);
  const candidates = (await strapi.db.query(LEGAL_DOCUMENT as UID.Schema).findMany({
    where: {
      ...(prefix ? { number: { $startsWithi: prefix } } : {}),
      ...(entry.documentId ? { documentId: { $ne: entry.documentId } } : {}),
    },
    select: ['documentId', 'number', 'issuingBody'],
  })) as Array<{ documentId: string; number: string | null; issuingBody: string | null }>;
  const clash = candidates.find((row) => comparable(row.number ?? '') === number && comparable(row.issuingBody ?? '') === body);
  if (clash) {
    throw fieldError(LEGAL_DOCUMENT, ['number'], `"${entry.number}" is already the number of another document of ${clash.issuingBody} (${clash.documentId})`);
  }
}
