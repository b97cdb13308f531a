import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';

const articleSchema = z.object({
  title: z.string(),
  slug: z.string(),
  lead: z.string().nullish(),
  body: z.string().nullish(),
  postedAt: z.string().nullish(),
  publishedAt: z.string().nullish(),
  viewCount: z.number().nullish(),
  category: z.object({ name: z.string() }).nullish(),
  attendees: z.array(z.object({ position: z.string(), person: z.object({ fullName: z.string() }).nullish() })).default([]),
  resolutionTasks: z.array(z.object({ title: z.string(), order: z.number() })).default([]),
});
const pageSchema = z.object({ data: z.array(z.unknown()), meta: z.object({ pagination: z.object({ pageCount: z.number() }) }) });

const POPULATE =
  'populate[category][fields][0]=name&populate[attendees][populate][person][fields][0]=fullName&populate[resolutionTasks][fields][0]=title&populate[resolutionTasks][fields][1]=order';

/**
 * The CMS's published articles as a Hugo content folder: one Markdown file an article with
 * JSON front matter (so no value needs YAML escaping), categories and attendees as
 * taxonomies, the body as the editors wrote it. Returns the number of articles.
 */
export async function exportToHugo(cms: { url: string; token: string }, contentDir: string): Promise<number> {
  // Hugo's section for the articles, at the same URLs as ours (`/tin-tuc/<slug>/`).
  const dir = path.join(contentDir, CONTENT_TYPES.article.urlBase.slice(1, -1));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '_index.md'), '{"title": "Tin tức"}\n');
  let count = 0;
  for (let page = 1, pageCount = 1; page <= pageCount; page += 1) {
    const url = `${cms.url}/api/${CONTENT_TYPES.article.restPath}?status=published&pagination[page]=${page}&pagination[pageSize]=200&sort[0]=documentId:asc&${POPULATE}`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${cms.token}` } });
    if (!response.ok) throw new Error(`export: ${response.status} for ${url}`);
    const body = pageSchema.parse(await response.json());
    pageCount = body.meta.pagination.pageCount;
    for (const raw of body.data) {
      const a = articleSchema.parse(raw);
      const people = a.attendees.flatMap((x) => (x.person ? [{ name: x.person.fullName, position: x.position }] : []));
      const front = {
        title: a.title,
        slug: a.slug,
        date: a.postedAt ?? a.publishedAt,
        lead: a.lead ?? '',
        views: a.viewCount ?? 0,
        'chuyen-muc': a.category ? [a.category.name] : [],
        'dai-bieu': people.map((p) => p.name),
        attendees: people,
        tasks: a.resolutionTasks.map((t) => ({ title: t.title, order: t.order })),
      };
      writeFileSync(path.join(dir, `${a.slug}.md`), `${JSON.stringify(front, null, 1)}\n\n${a.body ?? ''}\n`);
      count += 1;
    }
  }
  return count;
}
