import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { entryPath } from '../../cms/src/content-model/urls.js';
import type { LocalPublisher } from '../publisher/local-publisher.js';
import { pageShows, publisherIdle, waitUntil } from './publisher-probes.js';

/**
 * Publish-to-live as an editor lives it: an article's new title is published through the
 * CMS's REST API, the CMS's own webhook reaches the publisher (production debounce), which
 * builds, checks and swaps the release; the clock stops when the public server answers with
 * the new title. `edits` times, after one first release. Each edit finds the publisher idle,
 * as an editor's edits, seconds apart, do: done with the last release and with getting ready
 * for the next (`preparing` on its status).
 */
export async function measurePublishToLive(cms: { url: string; writeToken: string }, live: LocalPublisher, secret: string, edits: number): Promise<number[]> {
  const headers = { Authorization: `Bearer ${cms.writeToken}`, 'Content-Type': 'application/json' };
  await fetch(`${live.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
  await waitUntil(async () => (await fetch(`${live.siteUrl}/`)).status === 200);
  const list = (await (await fetch(`${cms.url}/api/${CONTENT_TYPES.article.restPath}?sort[0]=postedAt:desc&pagination[pageSize]=${edits}&fields[0]=title&fields[1]=slug`, { headers })).json()) as {
    data: { documentId: string; title: string; slug: string }[];
  };
  const times: number[] = [];
  const idle = publisherIdle(live.hooksUrl);
  for (const [i, article] of list.data.entries()) {
    await waitUntil(idle);
    const title = `${article.title} (sửa lần ${i + 1})`;
    const start = performance.now();
    const answer = await fetch(`${cms.url}/api/${CONTENT_TYPES.article.restPath}/${article.documentId}?status=published`, { method: 'PUT', headers, body: JSON.stringify({ data: { title } }) });
    if (!answer.ok) throw new Error(`publishing ${article.documentId}: ${answer.status} ${await answer.text()}`);
    const answered = performance.now() - start;
    const answeredAt = new Date().toISOString();
    await waitUntil(pageShows(`${live.siteUrl}${entryPath(CONTENT_TYPES.article, article.slug)}`, title));
    times.push(performance.now() - start);
    process.stderr.write(`publish-to-live ${i + 1}/${edits}: ${((performance.now() - start) / 1000).toFixed(1)} s (the CMS answered the edit in ${(answered / 1000).toFixed(2)} s, at ${answeredAt})\n`);
  }
  return times;
}
