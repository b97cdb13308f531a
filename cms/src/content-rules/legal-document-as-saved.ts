import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { documentIdOf, toOneChange } from './relation-input';

const LEGAL_DOCUMENT = CONTENT_TYPES.legalDocument.uid;

/** A Văn bản's fields that its rules read, as they will be once the write is done. */
export interface LegalDocumentAsSaved {
  /** Its own documentId; undefined for a new entry (a clone is a new entry). */
  documentId?: string;
  number?: unknown;
  issuingBody?: unknown;
  issuedAt?: unknown;
  effectiveAt?: unknown;
  validity?: unknown;
  /** The replacing document's documentId, or null. */
  replacedBy: string | null;
}

const FIELDS = ['number', 'issuingBody', 'issuedAt', 'effectiveAt', 'validity'] as const;

interface Row {
  documentId: string;
  number?: unknown;
  issuingBody?: unknown;
  issuedAt?: unknown;
  effectiveAt?: unknown;
  validity?: unknown;
  replacedBy?: { documentId: string } | null;
}

/** The draft an update or a clone starts from: the version editors write to. */
async function currentDraft(strapi: Core.Strapi, documentId: string): Promise<Row | null> {
  const query = strapi.db.query(LEGAL_DOCUMENT as UID.Schema);
  const options = { select: ['documentId', ...FIELDS], populate: { replacedBy: { select: ['documentId'] } } };
  return ((await query.findOne({ where: { documentId, publishedAt: null }, ...options })) ??
    (await query.findOne({ where: { documentId }, ...options }))) as Row | null;
}

/**
 * What create, update and clone will leave: the data sent over the current draft, so a write
 * that changes one date is checked against the other. Read through the database, not the
 * Document Service, whose reads a Content API request would turn to the published version.
 */
export async function legalDocumentAsSaved(
  strapi: Core.Strapi,
  action: string,
  data: Record<string, unknown>,
  documentId: string | undefined,
): Promise<LegalDocumentAsSaved> {
  const current = action !== 'create' && documentId ? await currentDraft(strapi, documentId) : null;
  const merged: LegalDocumentAsSaved = { replacedBy: current?.replacedBy?.documentId ?? null };
  for (const field of FIELDS) merged[field] = field in data ? data[field] : current?.[field];
  if (action === 'update') merged.documentId = documentId;
  const change = toOneChange(data.replacedBy);
  if (!change.keep) merged.replacedBy = change.target === null ? null : ((await documentIdOf(strapi, LEGAL_DOCUMENT, change.target)) ?? null);
  return merged;
}
