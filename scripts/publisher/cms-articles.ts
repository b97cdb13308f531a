import { z } from 'zod';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { inParallel } from '../lib/in-parallel.js';

const pageSchema = z.object({
  data: z.array(z.object({ documentId: z.string().min(1), slug: z.string().min(1), updatedAt: z.string(), publishedAt: z.string().nullable() })),
  meta: z.object({ pagination: z.object({ page: z.number().int(), pageCount: z.number().int().min(0), total: z.number().int().min(0) }) }),
});
type Page = z.infer<typeof pageSchema>;

export interface CmsOptions {
  strapiUrl: string;
  strapiToken: string;
  /** Per request. */
  timeoutMs?: number;
}

/** One page of published articles' slugs and stamps (200 a page, the CMS's maximum). */
async function slugPage(options: CmsOptions, query: Record<string, string>): Promise<Page> {
  const url = new URL(`${options.strapiUrl.replace(/\/+$/, '')}/api/${CONTENT_TYPES.article.restPath}`);
  url.search = new URLSearchParams({
    'fields[0]': 'slug',
    'fields[1]': 'updatedAt',
    'fields[2]': 'publishedAt',
    'pagination[pageSize]': '200',
    status: 'published',
    ...query,
  }).toString();
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${options.strapiToken}` },
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  if (!response.ok) throw new Error(`the CMS answered ${response.status} to ${url.pathname}${url.search}`);
  const parsed = pageSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`the CMS article list is not what was expected: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Pages asked for at once after the first: the CMS answers them in parallel, a few at a time. */
const PARALLEL_PAGES = 4;

/** Every page of a listing, the first alone (it says how many there are). */
async function allPages(options: CmsOptions, query: Record<string, string> = {}): Promise<Page['data']> {
  const first = await slugPage(options, { ...query, 'pagination[page]': '1' });
  const pages = Array.from({ length: Math.max(0, first.meta.pagination.pageCount - 1) }, (_, i) => i + 2);
  const rest: Page['data'][] = [];
  await inParallel(pages, PARALLEL_PAGES, async (page, i) => {
    rest[i] = (await slugPage(options, { ...query, 'pagination[page]': String(page) })).data;
  });
  return [...first.data, ...rest.flat()];
}

const latest = (a: string | undefined, b: string | null) => (b && (!a || b > a) ? b : a);

/**
 * The published articles' slugs, for the release check of every build. The whole list is 51
 * requests at 10,000 articles, some 5 s of the CMS's time while it also answers the build's
 * content sync; so after the first list, a check asks only for what was published or changed
 * since, and for the count. A count that differs (an article was unpublished or deleted), or
 * a check that finds pages missing, asks for the whole list again.
 */
export class PublishedSlugs {
  #known: { source: string; since: string | undefined; slugs: Map<string, string> } | undefined;

  /** Every published article's slug; `whole` asks for the whole list rather than the changes. */
  async list(options: CmsOptions, whole = false): Promise<{ slugs: string[]; whole: boolean }> {
    const known = this.#known;
    if (whole || !known || known.source !== options.strapiUrl || !known.since) return { slugs: await this.#whole(options), whole: true };
    const filters = { 'filters[$or][0][updatedAt][$gt]': known.since, 'filters[$or][1][publishedAt][$gt]': known.since };
    const [changed, count] = await Promise.all([allPages(options, filters), slugPage(options, { 'pagination[pageSize]': '1' })]);
    for (const article of changed) {
      known.slugs.set(article.documentId, article.slug);
      known.since = latest(latest(known.since, article.updatedAt), article.publishedAt);
    }
    if (count.meta.pagination.total !== known.slugs.size) return { slugs: await this.#whole(options), whole: true };
    return { slugs: [...known.slugs.values()], whole: false };
  }

  async #whole(options: CmsOptions): Promise<string[]> {
    this.#known = undefined;
    const articles = await allPages(options);
    const slugs = new Map(articles.map((article) => [article.documentId, article.slug]));
    const since = articles.reduce<string | undefined>((newest, article) => latest(latest(newest, article.updatedAt), article.publishedAt), undefined);
    this.#known = { source: options.strapiUrl, since, slugs };
    return [...slugs.values()];
  }
}
