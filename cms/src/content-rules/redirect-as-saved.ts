import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';

const REDIRECT = CONTENT_TYPES.redirect.uid;

/** A redirect's fields that its rules read, as they will be once the write is done. */
export interface RedirectAsSaved {
  /** Its own documentId; undefined for a new entry (a clone is a new entry). */
  documentId?: string;
  from: unknown;
  to: unknown;
  code: unknown;
}

const FIELDS = ['from', 'to', 'code'] as const;

/**
 * What create, update and clone will leave: the data sent over the stored entry (a redirect
 * has no drafts), with the schema's default code for a new one. Read through the database,
 * which every caller sees alike.
 */
export async function redirectAsSaved(strapi: Core.Strapi, action: string, data: Record<string, unknown>, documentId: string | undefined): Promise<RedirectAsSaved> {
  const current =
    action !== 'create' && documentId
      ? ((await strapi.db.query(REDIRECT as UID.Schema).findOne({ where: { documentId }, select: [...FIELDS] })) as Record<string, unknown> | null)
      : null;
  const codeAttribute = strapi.getModel(REDIRECT as UID.Schema).attributes.code as { default?: unknown } | undefined;
  const fallback: Record<string, unknown> = current ?? { code: codeAttribute?.default ?? null };
  const merged: RedirectAsSaved = { from: undefined, to: undefined, code: undefined };
  for (const field of FIELDS) merged[field] = field in data ? data[field] : fallback[field];
  if (action === 'update') merged.documentId = documentId;
  return merged;
}
