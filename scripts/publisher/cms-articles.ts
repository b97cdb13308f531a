import { z } from 'zod';
import { inParallel } from '../lib/in-parallel.js';

const pageSchema = z.object({
  data: z.array(z.object({ slug: z.string().min(1) })),
  meta: z.object({ pagination: z.object({ page: z.number().int(), pageCount: z.number().int().min(0) }) }),
});

export interface CmsOptions {
  strapiUrl: string;
  strapiToken: string;
  /** Per request. */
  timeoutMs?: number;
}

/** One page of published slugs (200 a page, the CMS's maximum). */
async function slugPage(options: CmsOptions, page: number): Promise<z.infer<typeof pageSchema>> {
  const url = new URL(`${options.strapiUrl.replace(/\/+$/, '')}/api/articles`);
  url.search = new URLSearchParams({
    'fields[0]': 'slug',
    'pagination[page]': String(page),
    'pagination[pageSize]': '200',
    status: 'published',
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

/** Every published article's slug, all pages of the REST API. */
export async function publishedArticleSlugs(options: CmsOptions): Promise<string[]> {
  const first = await slugPage(options, 1);
  const pages = Array.from({ length: Math.max(0, first.meta.pagination.pageCount - 1) }, (_, i) => i + 2);
  const rest: string[][] = [];
  await inParallel(pages, PARALLEL_PAGES, async (page, i) => {
    rest[i] = (await slugPage(options, page)).data.map((article) => article.slug);
  });
  return [...first.data.map((article) => article.slug), ...rest.flat()];
}
