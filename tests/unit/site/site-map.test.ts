import { describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES, CONTENT_TYPES, SITE_PATHS, typeListingPath, type ContentTypeKey } from '../../../site/src/lib/content-model.js';
import { NESTED_TYPES, siteMap, type SiteMapNode } from '../../../site/src/lib/site-map.js';

const flat = (nodes: SiteMapNode[]): SiteMapNode[] => nodes.flatMap((node) => [node, ...flat(node.children ?? [])]);
const keyOf = (uid: string) => (Object.keys(CONTENT_TYPES) as ContentTypeKey[]).find((key) => CONTENT_TYPES[key].uid === uid)!;

describe('the HTML site map', () => {
  const entries = {
    page: [{ name: 'Lịch sử', href: '/gioi-thieu/lich-su/', children: [{ name: 'Trước 1945', href: '/gioi-thieu/truoc-1945/' }] }],
    category: [{ name: 'Tin hoạt động', href: '/chuyen-muc/tin-hoat-dong/' }],
    documentType: [{ name: 'Quyết định', href: '/van-ban/loai/quyet-dinh/' }],
  };
  const map = siteMap(entries);
  const nodes = flat(map);

  it.each(ALL_CONTENT_TYPES.filter((type) => type.urlBase).map((type) => [type.uid, type] as const))('has a section for %s', (_uid, type) => {
    const nestedUnder = NESTED_TYPES[keyOf(type.uid)];
    if (nestedUnder) {
      // A type without a listing of its own: its name heads its entries under its parent's section.
      const parent = nodes.find((node) => node.href === typeListingPath(CONTENT_TYPES[nestedUnder]))!;
      expect(parent.children?.map((child) => child.name)).toContain(type.labels.plural);
    } else {
      expect(nodes.filter((node) => node.href === typeListingPath(type)).map((node) => node.name)).toEqual([type.labels.plural]);
    }
  });

  it.each(Object.entries(SITE_PATHS).filter(([key]) => key !== 'previewRoot' && key !== 'siteMap'))('links the page %s (%s) once', (_key, path) => {
    expect(nodes.filter((node) => node.href === path)).toHaveLength(1);
  });

  it('keeps the sub-lists nested: profile subpages under their page, categories under the news', () => {
    const profile = map.find((node) => node.href === typeListingPath(CONTENT_TYPES.page))!;
    expect(profile.children).toEqual(entries.page);
    const news = map.find((node) => node.href === typeListingPath(CONTENT_TYPES.article))!;
    expect(news.children).toEqual([{ name: CONTENT_TYPES.category.labels.plural, children: entries.category }]);
    expect(map[0]).toMatchObject({ href: SITE_PATHS.home });
  });

  it('marks the English page in English', () => {
    expect(nodes.find((node) => node.href === SITE_PATHS.english)).toMatchObject({ lang: 'en' });
  });
});
