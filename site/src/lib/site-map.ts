/**
 * The HTML site map (Sơ đồ trang, Circular 32/2017 Art. 16): every section of the site as a
 * nested list, made from the declarations, so a new content type with pages of its own, or a
 * new page in SITE_PATHS, is on it without an edit here (a SITE_PATHS page must be named
 * below, which the type checker enforces). Pure: the caller gives each section's sub-lists.
 */
// The .js suffixes let the root tsconfig (NodeNext) check this file through the unit tests.
import { ALL_CONTENT_TYPES, CONTENT_TYPES, SITE_PATHS, typeListingPath, type ContentTypeDeclaration, type ContentTypeKey } from './content-model.js';

export interface SiteMapNode {
  name: string;
  href?: string;
  /** For a name in another language than the page's (English). */
  lang?: string;
  children?: SiteMapNode[];
}

type SitePage = Exclude<keyof typeof SITE_PATHS, 'previewRoot' | 'siteMap'>;

/** How each page that belongs to no type is named on the map. */
export const SITE_PAGE_NAMES: Record<SitePage, { name: string; lang?: string }> = {
  home: { name: 'Trang chủ' },
  leaders: { name: 'Lãnh đạo' },
  contact: { name: 'Liên hệ' },
  search: { name: 'Tìm kiếm' },
  openData: { name: 'Dữ liệu mở' },
  rss: { name: 'Tin mới qua RSS' },
  sitemap: { name: 'Sơ đồ trang dạng XML (cho máy tìm kiếm)' },
  accessibility: { name: 'Tuyên bố về trợ năng' },
  english: { name: 'English', lang: 'en' },
  ratings: { name: 'Kết quả đánh giá mức độ hài lòng' },
};

/** Types whose pages are listed under another type's section, not as a section of their own (they have no listing page). */
export const NESTED_TYPES: Partial<Record<ContentTypeKey, ContentTypeKey>> = { category: 'article', documentType: 'legalDocument' };

type Item = { page: SitePage } | { type: ContentTypeKey };

/** The sections in the menu's order (Circular 32/2017's baseline first); any other type with pages follows them. */
const MAIN: Item[] = [
  { page: 'home' },
  { type: 'page' },
  { page: 'leaders' },
  { type: 'article' },
  { type: 'legalDocument' },
  { type: 'procedure' },
  { type: 'question' },
  { type: 'notice' },
  { type: 'resolutionTask' },
  { type: 'photoGallery' },
  { type: 'attendee' },
  { page: 'contact' },
];
const TOOLS: SitePage[] = ['search', 'openData', 'rss', 'sitemap', 'accessibility', 'ratings', 'english'];

const keyOf = new Map<ContentTypeDeclaration, ContentTypeKey>(Object.entries(CONTENT_TYPES).map(([key, type]) => [type, key as ContentTypeKey]));

/** The map: the sections, then a last section of the site's tools. `entries` are each type's sub-list (profile pages, categories, years…). */
export function siteMap(entries: Partial<Record<ContentTypeKey, SiteMapNode[]>>): SiteMapNode[] {
  const typeNode = (key: ContentTypeKey): SiteMapNode => {
    const type = CONTENT_TYPES[key];
    const nested = (Object.keys(NESTED_TYPES) as ContentTypeKey[])
      .filter((child) => NESTED_TYPES[child] === key)
      .map((child) => ({ name: CONTENT_TYPES[child].labels.plural, children: entries[child] ?? [] }));
    const children = [...(entries[key] ?? []), ...nested];
    return { name: type.labels.plural, href: typeListingPath(type), ...(children.length ? { children } : {}) };
  };
  const pageNode = (page: SitePage): SiteMapNode => ({ ...SITE_PAGE_NAMES[page], href: SITE_PATHS[page] });
  const listed = new Set(MAIN.flatMap((item) => ('type' in item ? [item.type] : [])));
  const others = ALL_CONTENT_TYPES.filter((type) => type.urlBase)
    .map((type) => keyOf.get(type)!)
    .filter((key) => !listed.has(key) && !NESTED_TYPES[key]);
  return [
    ...MAIN.map((item) => ('type' in item ? typeNode(item.type) : pageNode(item.page))),
    ...others.map(typeNode),
    { name: 'Tiện ích', children: TOOLS.map(pageNode) },
  ];
}
