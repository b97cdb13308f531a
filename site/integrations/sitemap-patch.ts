/**
 * An incremental build's sitemap made from the live release's, as @astrojs/sitemap would
 * write it for the whole site: its entries kept as they are, the rendered pages' entries put
 * in, the pages that are gone taken out, in @astrojs/sitemap's order and chunks. Writing all
 * 12,800 URLs of 10,000 articles through the `sitemap` package's streams took a second of
 * every edit's release; this takes milliseconds.
 */

/** One sitemap file: its opening (XML declaration and `<urlset …>`), its `<url>` entries, its closing. */
interface Chunk {
  head: string;
  entries: string[];
  tail: string;
}

const ENTRY = /<url>[\s\S]*?<\/url>/g;
const LOC = /^<url><loc>([^<]*)<\/loc>/;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** @astrojs/sitemap sorts with `a.localeCompare(b, 'en', { numeric: true })`: the same collation, made once. */
const byUrl = new Intl.Collator('en', { numeric: true }).compare;

export function parseChunk(xml: string): Chunk | undefined {
  const entries = xml.match(ENTRY) ?? [];
  const first = xml.indexOf('<url>');
  const last = xml.lastIndexOf('</url>');
  if (first < 0 || last < 0) return undefined;
  const chunk = { head: xml.slice(0, first), entries, tail: xml.slice(last + '</url>'.length) };
  // Anything between the entries that is not an entry: a format this patch does not know.
  return chunk.head.length + entries.reduce((sum, entry) => sum + entry.length, 0) + chunk.tail.length === xml.length ? chunk : undefined;
}

/** The URL an entry is for, as @astrojs/sitemap sorted it (before XML escaping). */
export function entryUrl(entry: string): string | undefined {
  return LOC.exec(entry)?.[1]?.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity]!);
}

export interface SitemapChange {
  /** The live release's sitemap files, `sitemap-0.xml` first. */
  live: readonly string[];
  /** The pages this build rendered as a sitemap of their own, written as for the whole site; none without. */
  rendered?: string;
  /** Whether a live entry's page is gone. */
  gone(url: string): boolean;
  /** URLs a sitemap file holds at most (@astrojs/sitemap's `entryLimit`). */
  limit: number;
}

/**
 * The sitemap files a whole build would write, or undefined when this change cannot be made
 * to the live ones alone: they are not in the format written, or the change moves the
 * number of files (the index would change too).
 */
export function patchSitemap(change: SitemapChange): string[] | undefined {
  const live = change.live.map(parseChunk);
  const rendered = change.rendered === undefined ? [] : [parseChunk(change.rendered)];
  const [first] = live;
  // Every file, and the rendered entries, written with the same opening and closing.
  if (!first || [...live, ...rendered].some((chunk) => !chunk || chunk.head !== first.head || chunk.tail !== first.tail)) return undefined;
  const entries = new Map<string, string>();
  for (const entry of live.flatMap((chunk) => chunk!.entries)) {
    const url = entryUrl(entry);
    if (url === undefined) return undefined;
    if (!change.gone(url)) entries.set(url, entry);
  }
  for (const entry of rendered.flatMap((chunk) => chunk!.entries)) {
    const url = entryUrl(entry);
    if (url === undefined) return undefined;
    entries.set(url, entry);
  }
  const urls = [...entries.keys()].sort(byUrl);
  const files: string[] = [];
  for (let i = 0; i < urls.length; i += change.limit) {
    files.push(`${first.head}${urls.slice(i, i + change.limit).map((url) => entries.get(url)!).join('')}${first.tail}`);
  }
  return files.length === live.length ? files : undefined;
}
