import type { Core, UID } from '@strapi/strapi';
import type { ContentTypeDeclaration } from '../content-model/content-types.js';
import { entryPath } from '../content-model/urls.js';

export type Row = Record<string, unknown> & { documentId: string };

/** A type whose entries each have a page at `entryPath(type, slug)`: what a redirect or a 410 can stand for. */
export const hasEntryPages = (type: ContentTypeDeclaration): boolean => Boolean(type.urlBase && type.slugFrom);

/** The version the public sees (a type without draft & publish has only that one), or null. */
export async function liveVersion(strapi: Core.Strapi, type: ContentTypeDeclaration, documentId: string | undefined): Promise<Row | null> {
  if (!documentId) return null;
  return (await strapi.db.query(type.uid as UID.Schema).findOne({ where: { documentId, publishedAt: { $notNull: true } } })) as Row | null;
}

/** The draft of a draft & publish entry, where the editor writes before unpublishing. */
export async function draftVersion(strapi: Core.Strapi, type: ContentTypeDeclaration, documentId: string | undefined): Promise<Row | null> {
  if (!documentId || !type.draftAndPublish) return null;
  return (await strapi.db.query(type.uid as UID.Schema).findOne({ where: { documentId, publishedAt: null } })) as Row | null;
}

/** The page a version is at, or null when it has no slug yet. */
export function pathOf(type: ContentTypeDeclaration, row: Row | null): string | null {
  const slug = row?.slug;
  return typeof slug === 'string' && slug !== '' ? entryPath(type, slug) : null;
}
