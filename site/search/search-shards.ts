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

import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { entryPath } from '../../cms/src/content-model/urls.js';

/** URL path → the quarter its page was posted in (`2026-q4`), or the shard it names: what the shards are made from. */
export type Quarters = Record<string, string>;
/** URL path → the shard its page is indexed in. */
export type Membership = Record<string, string>;

/** Searchable pages without a posting date (none today) go to a shard of their own. */
const UNDATED = 'khac';
/**
 * A page may name its shard instead: the legal documents share one (`van-ban`). Pagefind
 * drops the words of a query that a shard's index lacks, so a document number searched in a
 * year without it finds that year's near misses (`12/2022/…` for `12/2021/…`); in one shard
 * of every document the number's words are all known, and only the document that has them all matches.
 */
export const SHARD_META = 'search-shard';
const NAMED = new RegExp(`<meta name="${SHARD_META}" content="([a-z0-9-]+)"`);
const DATED = /^\d{4}(-q[1-4])?$/;
const PUBLISHED = /<meta property="article:published_time" content="((\d{4})-(\d{2})[^"]*)"/;
/** Pages without it (listings, search, 404) are not indexed, as Pagefind itself would skip them. */
const INDEXED = /\sdata-pagefind-body[\s>=]/;

/** The quarter a page was posted in, in Vietnam time as printed; `undefined` when the page is not searchable. */
export function quarterOf(html: string): string | undefined {
  if (!INDEXED.test(html)) return undefined;
  const named = NAMED.exec(html)?.[1];
  if (named) return named;
  const published = PUBLISHED.exec(html);
  return published ? `${published[2]}-q${Math.ceil(Number(published[3]) / 3)}` : UNDATED;
}

const MAIN = /<main[\s>][\s\S]*<\/main>/;
const ROOT = /<html[^>]*>/;

/**
 * Whether a page re-rendered as `after` changes the search index: Pagefind reads a page's
 * `data-pagefind-body` and its language only (its title, header, footer and meta tags leave
 * the index's bytes as they were; tests/int/site/search-index.test.ts), and every such body
 * is inside `<main>`. A settings edit re-renders every page and changes none of them.
 */
export function searchChanged(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return before !== after;
  const quarter = quarterOf(after);
  if (quarterOf(before) !== quarter) return true;
  if (quarter === undefined) return false;
  const [main, next] = [MAIN.exec(before)?.[0], MAIN.exec(after)?.[0]];
  // A page without <main> is not one the site prints: it is taken as changed.
  return main === undefined || main !== next || ROOT.exec(before)?.[0] !== ROOT.exec(after)?.[0];
}

/** Each page's shard: its quarter in the newest year, else its year. */
export function shardsOf(quarters: Quarters): Membership {
  let newest = '';
  for (const quarter of Object.values(quarters)) if (DATED.test(quarter) && quarter > newest) newest = quarter;
  const newestYear = newest.slice(0, 4);
  const membership: Membership = {};
  for (const [url, quarter] of Object.entries(quarters)) membership[url] = !DATED.test(quarter) || quarter.startsWith(newestYear) ? quarter : quarter.slice(0, 4);
  return membership;
}

/** When the page was posted, as it prints it (`2021-12-31T23:30:00+07:00`); `''` when it does not say. */
export const postedAt = (html: string) => PUBLISHED.exec(html)?.[1] ?? '';

/** The page of an article (site/src/pages/tin-tuc/[slug].astro). */
export const articlePage = (slug: string) => entryPath(CONTENT_TYPES.article, slug);

/** `/tin-tuc/a/` ⇄ `tin-tuc/a/index.html`: the pages are folders with an index.html. */
export const pageFile = (url: string) => `${url.replace(/^\//, '')}index.html`;
export const pageUrl = (file: string) => `/${file.split('\\').join('/').replace(/index\.html$/, '')}`;

/** Dated shards newest first (the search page's primary index), then the named ones, the undated last. */
const rank = (shard: string) => (DATED.test(shard) ? 0 : shard === UNDATED ? 2 : 1);
export const shardNames = (membership: Membership) =>
  [...new Set(Object.values(membership))].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? b.localeCompare(a) : a.localeCompare(b)));

export function membersOf(membership: Membership, shard: string): string[] {
  return Object.keys(membership)
    .filter((url) => membership[url] === shard)
    .sort();
}
