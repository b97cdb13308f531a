import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import type { LegalDocumentAsSaved } from './legal-document-as-saved';

/** A replaced document names the one that replaces it, so a reader can follow it; never itself. */
export function checkLegalDocumentReplacement(entry: LegalDocumentAsSaved): void {
  const uid = CONTENT_TYPES.legalDocument.uid;
  if (entry.validity === 'replaced' && !entry.replacedBy) {
    throw fieldError(uid, ['replacedBy'], 'must name the replacing document when the validity is "replaced"');
  }
  if (entry.replacedBy && entry.documentId && entry.replacedBy === entry.documentId) {
    throw fieldError(uid, ['replacedBy'], 'must be another document, not this one');
  }
}
