import { z } from 'zod';

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

/** Every published article's slug, all pages of the REST API (200 a page, the CMS's maximum). */
export async function publishedArticleSlugs(options: CmsOptions): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1, pageCount = 1; page <= pageCount; page += 1) {
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
    slugs.push(...parsed.data.data.map((article) => article.slug));
    pageCount = parsed.data.meta.pagination.pageCount;
  }
  return slugs;
}
