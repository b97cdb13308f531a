/**
 * The public site's URLs, made in one place: pages, links, the sitemap, structured data, the
 * preview and the publisher all call these, never a hand-written path. Paths end in `/`
 * (Astro's `trailingSlash: 'always'` for directory builds); slugs are already URL-safe.
 */
import type { ContentTypeDeclaration } from './declaration.js';
import { resolutionTask } from './types/resolution-task.js';
import { question } from './types/question.js';

type WithPages = Pick<ContentTypeDeclaration, 'urlBase' | 'uid'>;

function base(type: WithPages): string {
  if (!type.urlBase) throw new Error(`${type.uid} has no pages of its own (no urlBase in its declaration)`);
  return type.urlBase;
}

/** An entry's page: `/tin-tuc/<slug>/`. */
export const entryPath = (type: WithPages, slug: string | number): string => `${base(type)}${encodeURIComponent(String(slug))}/`;

/** A listing's page N: `/tin-tuc/` for the first, `/tin-tuc/trang/N/` after it; the root may be an entry's page (a category's articles, `/chuyen-muc/<slug>/trang/N/`). */
export function listingPath(root: string, page = 1): string {
  return page <= 1 ? root : `${root}trang/${page}/`;
}

/** The type's own listing (`/tin-tuc/`, page N). */
export const typeListingPath = (type: WithPages, page = 1): string => listingPath(base(type), page);

/** A year's key tasks, one page (`/nhiem-vu/2021/`): a task has no page of its own. */
export const taskYearPath = (year: number): string => entryPath(resolutionTask, year);

/**
 * A facet of a type's listing, a static page of its own so it works without JavaScript:
 * `/van-ban/nam/2021/`, `/van-ban/co-quan/ubnd-quan/`. A document type's own facet is its
 * entry page (`entryPath(documentType, slug)`, `/van-ban/loai/<slug>/`).
 */
export const DOCUMENT_FACETS = { year: 'nam', issuingBody: 'co-quan', subjectArea: 'linh-vuc' } as const;
export type DocumentFacet = keyof typeof DOCUMENT_FACETS;

export const facetPath = (type: WithPages, facet: DocumentFacet, value: string | number): string =>
  `${base(type)}${DOCUMENT_FACETS[facet]}/${encodeURIComponent(String(value))}/`;

/** Pages that belong to no one type. */
export const SITE_PATHS = {
  home: '/',
  search: '/tim-kiem/',
  openData: '/du-lieu-mo/',
  rss: '/rss.xml',
  /** Written by @astrojs/sitemap. */
  sitemap: '/sitemap-index.xml',
  previewRoot: '/ban-xem-truoc/',
  /** The current leaders (people with a leaderOrder); each has `leaderPath(slug)`. */
  leaders: '/lanh-dao/',
  contact: '/lien-he/',
  /** The HTML site map (the XML one is `sitemap`). */
  siteMap: '/so-do-trang/',
  accessibility: '/tro-nang/',
  english: '/en/',
  /** The public summary of the satisfaction ratings (Decree 224/2026 Art. 10(3)), per section and month. */
  ratings: '/danh-gia/',
} as const;

/**
 * Pages that only answer a form post made without JavaScript (the engagement service's 303):
 * noindex, and kept out of the sitemap and the HTML site map.
 */
export const FORM_REPLY_PATHS = {
  ratingThanks: '/danh-gia/cam-on/',
  /** After a question is sent (Hỏi đáp). */
  questionSent: `${question.urlBase}da-gui/`,
} as const;

// In a module of its own, with no imports: the site's browser scripts import it too.
export { ENGAGEMENT_MANIFEST, ENGAGEMENT_PATHS } from './engagement-paths.js';

/**
 * Where a withdrawn page (a 410 redirect) is kept in a release: never served at this path,
 * only as the body of the 410 its old address answers (scripts/publisher/release-redirects.ts).
 */
export const WITHDRAWN_ROOT = '/_withdrawn/';

/** The withdrawn page of one 410 redirect, by the redirect's documentId. */
export const withdrawnPagePath = (documentId: string): string => `${WITHDRAWN_ROOT}${encodeURIComponent(documentId)}/`;

/** A current leader's page, `/lanh-dao/<slug>/`: biography, duties and the articles they appear in. */
export const leaderPath = (slug: string): string => `${SITE_PATHS.leaders}${encodeURIComponent(slug)}/`;

/** An open data set's file, `/du-lieu-mo/nhiem-vu.csv` (the data sets: site/src/lib/open-data.ts). */
export const openDataPath = (name: string, format: 'json' | 'csv'): string => `${SITE_PATHS.openData}${encodeURIComponent(name)}.${format}`;

/** A preview's path on the preview server, for a type that has one. */
export function previewPath(type: Pick<ContentTypeDeclaration, 'uid' | 'preview'>, documentId?: string): string | null {
  if (!type.preview) return null;
  if (type.preview.per === 'single') return `${SITE_PATHS.previewRoot}${type.preview.path}`;
  if (!documentId) return null;
  return `${SITE_PATHS.previewRoot}${type.preview.path}/${encodeURIComponent(documentId)}`;
}

/** Hỏi đáp's form, where a citizen sends a question (posted to the engagement service). */
export const QUESTION_FORM_PATH = `${question.urlBase}gui-cau-hoi/`;

/** One topic's answered questions, `/hoi-dap/chu-de/dat-dai/`. */
export const questionTopicPath = (topic: string): string => `${question.urlBase}chu-de/${encodeURIComponent(topic.replace(/_/g, '-'))}/`;
