import type { Core, UID } from '@strapi/strapi';
import { declarationOf } from '../content-model/content-types.js';
import { parsePageKey } from './engagement-tables';

export interface PageTitle {
  /** The entry's title as its list shows it; null for an entry deleted since. */
  title: string | null;
  /** Its type's name in the admin (Bài viết, Văn bản…). */
  typeLabel: string;
  uid: string;
  published: boolean;
}

/**
 * The admin names a page by its entry (the published version's title, else the draft's), read
 * when asked: the engagement tables keep only keys, so a renamed entry shows its new name.
 */
export async function pageTitles(strapi: Core.Strapi, keys: readonly string[]): Promise<Map<string, PageTitle>> {
  const byType = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const parsed = parsePageKey(key);
    if (parsed) byType.set(parsed.type, [...(byType.get(parsed.type) ?? []), parsed.documentId]);
  }
  const titles = new Map<string, PageTitle>();
  for (const [apiName, documentIds] of byType) {
    const uid = `api::${apiName}.${apiName}`;
    const declaration = declarationOf(uid);
    if (!declaration || !(uid in strapi.contentTypes)) continue;
    const fields = declaration.withdrawal?.titleFields ?? [declaration.admin.mainField];
    const rows = (await strapi.db.query(uid as UID.ContentType).findMany({
      select: ['documentId', 'publishedAt', ...fields],
      where: { documentId: { $in: documentIds } },
    })) as Array<Record<string, unknown> & { documentId: string; publishedAt: string | null }>;
    for (const documentId of documentIds) {
      const versions = rows.filter((row) => row.documentId === documentId);
      const shown = versions.find((row) => row.publishedAt) ?? versions[0];
      const title = shown ? fields.map((field) => shown[field]).filter((part) => typeof part === 'string' && part.trim()).join(': ') : null;
      titles.set(`${apiName}:${documentId}`, { title: title || null, typeLabel: declaration.labels.singular, uid, published: Boolean(versions.some((row) => row.publishedAt)) });
    }
  }
  return titles;
}
