import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { articles, settings } from '../lib/queries';
import { CONTENT_TYPES, entryPath } from '../lib/content-model';
import { agencyOf } from '../lib/unit';

// Readers poll the feed often; the newest 50 keep it small even with 10,000 articles.
const FEED_SIZE = 50;

export async function GET(context: APIContext) {
  const [list, site] = await Promise.all([articles(), settings()]);
  return rss({
    title: site.portalName,
    description: `Tin tức mới nhất của ${agencyOf(site)}`,
    site: context.site ?? 'http://localhost:4321',
    trailingSlash: true,
    customData: '<language>vi</language>',
    items: list.slice(0, FEED_SIZE).map((article) => ({
      title: article.title,
      link: entryPath(CONTENT_TYPES.article, article.slug),
      pubDate: article.postedAt,
      description: article.lead ?? undefined,
      categories: article.category ? [article.category.name] : undefined,
    })),
  });
}
