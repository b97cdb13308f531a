/**
 * The site's search index is split into shards: the newest year's pages one shard per quarter
 * of posting (`2026-q4`), every earlier year's in one shard (`2025`). An edit re-indexes the
 * shard it touches instead of the whole archive, and Pagefind writes a shard's whole index
 * again for any change to it, about a millisecond a page on two cores: a year of a district's
 * news (some 1,250 articles) took 1.2 s, a quarter takes 0.3 s. Most edits and every new
 * article are of the newest months, so those are the small shards. The search page merges the
 * shards in the browser: merged shards share the primary's wasm, but each adds two small files
 * to the page's start and one index chunk (some 20 KB) to every word searched, which is why
 * older years stay whole. When a new year's first article comes, the year before becomes one
 * shard; should it go, its quarters come back.
 */

/** URL path → the quarter its page was posted in (`2026-q4`): what the shards are made from. */
export type Quarters = Record<string, string>;
/** URL path → the shard its page is indexed in. */
export type Membership = Record<string, string>;

/** Searchable pages without a posting date (none today) go to a shard of their own. */
const UNDATED = 'khac';
const PUBLISHED = /<meta property="article:published_time" content="((\d{4})-(\d{2})[^"]*)"/;
/** Pages without it (listings, search, 404) are not indexed, as Pagefind itself would skip them. */
const INDEXED = /\sdata-pagefind-body[\s>=]/;

/** The quarter a page was posted in, in Vietnam time as printed; `undefined` when the page is not searchable. */
export function quarterOf(html: string): string | undefined {
  if (!INDEXED.test(html)) return undefined;
  const published = PUBLISHED.exec(html);
  return published ? `${published[2]}-q${Math.ceil(Number(published[3]) / 3)}` : UNDATED;
}

/** Each page's shard: its quarter in the newest year, else its year. */
export function shardsOf(quarters: Quarters): Membership {
  let newest = '';
  for (const quarter of Object.values(quarters)) if (quarter !== UNDATED && quarter > newest) newest = quarter;
  const newestYear = newest.slice(0, 4);
  const membership: Membership = {};
  for (const [url, quarter] of Object.entries(quarters)) membership[url] = quarter === UNDATED || quarter.startsWith(newestYear) ? quarter : quarter.slice(0, 4);
  return membership;
}

/** When the page was posted, as it prints it (`2021-12-31T23:30:00+07:00`); `''` when it does not say. */
export const postedAt = (html: string) => PUBLISHED.exec(html)?.[1] ?? '';

/** The page of an article (site/src/pages/tin-tuc/[slug].astro). */
export const articlePage = (slug: string) => `/tin-tuc/${slug}/`;

/** `/tin-tuc/a/` ⇄ `tin-tuc/a/index.html`: the pages are folders with an index.html. */
export const pageFile = (url: string) => `${url.replace(/^\//, '')}index.html`;
export const pageUrl = (file: string) => `/${file.split('\\').join('/').replace(/index\.html$/, '')}`;

/** Newest first (the search page's primary index), the undated last. */
export const shardNames = (membership: Membership) =>
  [...new Set(Object.values(membership))].sort((a, b) => Number(a === UNDATED) - Number(b === UNDATED) || b.localeCompare(a));

export function membersOf(membership: Membership, shard: string): string[] {
  return Object.keys(membership)
    .filter((url) => membership[url] === shard)
    .sort();
}
