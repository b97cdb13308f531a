import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { entryPath } from '../../cms/src/content-model/urls.js';
import type { LocalPublisher } from '../publisher/local-publisher.js';
import { pageShows, publisherIdle, waitUntil } from './publisher-probes.js';

/**
 * A site-wide change as an editor makes it: the slogan every page shows is edited in the site
 * settings through the CMS's REST API, the CMS's webhook reaches the publisher (production
 * debounce), and the clock stops when the public server answers the archive's oldest article
 * page — one no edit touched — with the new slogan. `edits` times, each with the publisher
 * idle, after the release that is live when called.
 */
export async function measureSiteWideChange(cms: { url: string; writeToken: string }, live: LocalPublisher, edits: number): Promise<number[]> {
  const headers = { Authorization: `Bearer ${cms.writeToken}`, 'Content-Type': 'application/json' };
  const idle = publisherIdle(live.hooksUrl);
  const oldest = (await (await fetch(`${cms.url}/api/${CONTENT_TYPES.article.restPath}?sort[0]=postedAt:asc&pagination[pageSize]=1&fields[0]=slug`, { headers })).json()) as {
    data: { slug: string }[];
  };
  const page = `${live.siteUrl}${entryPath(CONTENT_TYPES.article, oldest.data[0]!.slug)}`;
  const times: number[] = [];
  for (let i = 0; i < edits; i += 1) {
    await waitUntil(idle);
    const slogan = `Đoàn kết, kỷ cương, sáng tạo, hiệu quả (lần ${i + 1}, ${Date.now()})`;
    const start = performance.now();
    const answer = await fetch(`${cms.url}/api/${CONTENT_TYPES.siteSetting.restPath}`, { method: 'PUT', headers, body: JSON.stringify({ data: { slogan } }) });
    if (!answer.ok) throw new Error(`saving the settings: ${answer.status} ${await answer.text()}`);
    await waitUntil(pageShows(page, slogan));
    times.push(performance.now() - start);
    process.stderr.write(`site-wide change ${i + 1}/${edits}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  }
  return times;
}
