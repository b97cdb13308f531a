import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';

const REDIRECT = CONTENT_TYPES.redirect.uid as UID.ContentType;

export interface StoredRedirect {
  documentId: string;
  from: string;
  to: string | null;
  code: number;
  origin: string;
  sourceType: string | null;
  sourceDocumentId: string | null;
}

const FIELDS = ['documentId', 'from', 'to', 'code', 'origin', 'sourceType', 'sourceDocumentId'];

/** Redirects matching `where`, read through the database (a redirect has no drafts). */
export const findRedirects = async (strapi: Core.Strapi, where: Record<string, unknown>): Promise<StoredRedirect[]> =>
  (await strapi.db.query(REDIRECT).findMany({ where, select: FIELDS })) as StoredRedirect[];

/**
 * Makes `from` answer as `data` says, replacing what it answered before. Through the Document
 * Service, so the redirect's rules hold, the publisher's webhook fires and the audit log and
 * the versions see it.
 */
export async function saveRedirect(strapi: Core.Strapi, from: string, data: Record<string, unknown>): Promise<void> {
  const [existing] = await findRedirects(strapi, { from });
  const documents = strapi.documents(REDIRECT);
  if (existing) await documents.update({ documentId: existing.documentId, data: data as never });
  else await documents.create({ data: { ...data, from } as never });
}

/** Removes every redirect from `path`: a page published there answers for itself. */
export async function removeRedirectsFrom(strapi: Core.Strapi, path: string): Promise<void> {
  for (const { documentId } of await findRedirects(strapi, { from: path })) await strapi.documents(REDIRECT).delete({ documentId });
}
