import type { Core } from '@strapi/strapi';
import { VIEWED_TYPES } from './engagement-tables';

export interface CountedTable {
  table: string;
  documentId: string;
  publishedAt: string;
  viewCount: string;
}

/**
 * The table and columns holding a viewed type's viewCount, as Strapi mapped them (read from
 * its metadata, never guessed from names): the sync and the site data read them with knex.
 */
export function countedTable(strapi: Core.Strapi, apiName: string): CountedTable | null {
  if (!(VIEWED_TYPES as readonly string[]).includes(apiName)) return null;
  const uid = `api::${apiName}.${apiName}`;
  if (!(uid in strapi.contentTypes)) return null;
  const meta = strapi.db.metadata.get(uid);
  if (!meta.attributes.viewCount) return null;
  const column = (name: string) => (meta.attributes[name] as { columnName?: string } | undefined)?.columnName ?? name;
  return { table: meta.tableName, documentId: column('documentId'), publishedAt: column('publishedAt'), viewCount: column('viewCount') };
}
