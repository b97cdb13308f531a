/**
 * The site's search index is split into shards, one per year of posting: an edit re-indexes
 * the year it touches instead of the whole archive, and no indexing run holds more than a
 * year of pages in memory. The search page merges the shards in the browser.
 */

/** URL path → the shard its page is indexed in. */
export type Membership = Record<string, string>;

/** Searchable pages without a posting date (none today) go to a shard of their own. */
const UNDATED = 'khac';
const PUBLISHED = /<meta property="article:published_time" content="((\d{4})-[^"]*)"/;
/** Pages without it (listings, search, 404) are not indexed, as Pagefind itself would skip them. */
const INDEXED = /\sdata-pagefind-body[\s>=]/;

/** The shard of a page: its posting year; `undefined` when the page is not searchable. */
export function shardOf(html: string): string | undefined {
  if (!INDEXED.test(html)) return undefined;
  return PUBLISHED.exec(html)?.[2] ?? UNDATED;
}

/** When the page was posted, as it prints it (`2021-12-31T23:30:00+07:00`); `''` when it does not say. */
export const postedAt = (html: string) => PUBLISHED.exec(html)?.[1] ?? '';

/** The page of an article (site/src/pages/tin-tuc/[slug].astro). */
export const articlePage = (slug: string) => `/tin-tuc/${slug}/`;

/** `/tin-tuc/a/` ⇄ `tin-tuc/a/index.html`: the pages are folders with an index.html. */
export const pageFile = (url: string) => `${url.replace(/^\//, '')}index.html`;
export const pageUrl = (file: string) => `/${file.split('\\').join('/').replace(/index\.html$/, '')}`;

/** Newest year first (the search page's primary index), the undated last. */
export const shardNames = (membership: Membership) =>
  [...new Set(Object.values(membership))].sort((a, b) => Number(a === UNDATED) - Number(b === UNDATED) || b.localeCompare(a));

export function membersOf(membership: Membership, shard: string): string[] {
  return Object.keys(membership)
    .filter((url) => membership[url] === shard)
    .sort();
}
