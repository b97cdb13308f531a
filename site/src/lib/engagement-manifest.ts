/**
 * The release's engagement manifest (`engagement-pages.json`): every page the engagement
 * service may count or rate, by page key, with its path and title, and for a page that shows
 * "Lượt xem" the number it shows. The service accepts only these keys, so a forged one never
 * reaches its tables. Pure: the endpoint gives the pages.
 */
// The .js suffix lets the root tsconfig (NodeNext) check this file through the unit tests.
import { pageKey, VIEWED_TYPES, type EngagementType } from './engagement.js';

export interface ManifestRow {
  key: string;
  path: string;
  title: string;
  views?: number;
}

export interface EngagementManifest {
  version: 1;
  pages: ManifestRow[];
}

export interface ManifestPage {
  type: EngagementType;
  documentId: string;
  path: string;
  title: string;
  views: number;
}

const viewed = new Set<string>(VIEWED_TYPES);

/** The manifest, in key order so that the same pages give the same bytes. */
export function engagementManifest(pages: ManifestPage[]): EngagementManifest {
  const rows = pages.map(({ type, documentId, path, title, views }): ManifestRow => ({
    key: pageKey(type, documentId),
    path,
    title,
    ...(viewed.has(type) ? { views } : {}),
  }));
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { version: 1, pages: rows };
}
