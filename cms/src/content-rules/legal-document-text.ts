import type { LegalDocumentAsSaved } from './legal-document-as-saved';

type Data = Record<string, unknown>;

/** Fields found by exact match (a number typed into search, a body in a facet): stored in NFC, without outer spaces. */
const EXACT_TEXT = ['number', 'issuingBody'] as const satisfies ReadonlyArray<keyof LegalDocumentAsSaved>;

export function normalizeLegalDocumentText(data: Data): void {
  for (const field of EXACT_TEXT) {
    const value = data[field];
    if (typeof value === 'string') data[field] = value.normalize('NFC').trim();
  }
}
