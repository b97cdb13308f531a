/**
 * `npm run bench:links -- --articles 1000`: what a release's link check costs. A scratch CMS
 * with N generated articles (and the sample content), three links planted in each (a portal
 * page, an upload, an external page on a loopback server), the real publisher builds and swaps one
 * release, then runs the check after the swap as `npm run publisher` does; prints the build
 * (publish-to-live, which the check is not part of) and the check's own time and counts.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { inParallel } from '../lib/in-parallel.js';
import { readLinkReport } from '../publisher/link-check/link-report.js';
import { startLocalPublisher } from '../publisher/local-publisher.js';
import type { PublisherStatus } from '../publisher/publisher.js';
import { freePort } from '../lib/free-port.js';
import { startScratchCmsProcess } from './scratch-cms-process.js';
import { seconds } from './stats.js';

const articleList = z.object({
  data: z.array(z.object({ documentId: z.string(), slug: z.string(), body: z.string().nullish() })),
  meta: z.object({ pagination: z.object({ pageCount: z.number().int() }) }),
});

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' } } });
const articles = Number(values.articles);
const secret = randomBytes(16).toString('hex');
const hooksPort = await freePort();
// The "external" site every article links to: on loopback, reached through the test switch.
const outside = createServer((_, response) => response.end('ok'));
const outsidePort = await new Promise<number>((resolve) => outside.listen(0, '127.0.0.1', () => resolve((outside.address() as AddressInfo).port)));
process.env.LINK_CHECK_ALLOW_PRIVATE = `127.0.0.1:${outsidePort}`;
process.env.LINK_CHECK_EXTERNAL_BUDGET = String(articles);
const cms = await startScratchCmsProcess(articles, { REBUILD_SECRET: secret, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi` });
try {
  await plantLinks(cms, outsidePort);
  const live = await startLocalPublisher({
    cms: () => ({ strapiUrl: cms.url, strapiToken: cms.token }),
    secret,
    hooksPort,
    timing: { debounceMs: 250, maxWaitMs: 30_000, buildTimeoutMs: 3_600_000, keepReleases: 2, retryDelaysMs: [] },
    linkCheck: true,
  });
  try {
    const asked = Date.now();
    await fetch(`${live.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
    let status: PublisherStatus;
    for (;;) {
      status = (await (await fetch(`${live.hooksUrl}/status`)).json()) as PublisherStatus;
      if (status.state === 'idle' && status.history.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const liveAt = Date.parse(status.currentSince ?? new Date().toISOString());
    await live.linkCheck!.idle();
    const report = await readLinkReport(live.publisherDir);
    if (!report || report.releaseId !== status.current) throw new Error('the link check wrote no report of the live release (see link-check.log)');
    const doneAt = Date.parse(report.checkedAt);
    console.log(
      JSON.stringify({
        articles,
        build: status.history[0]!.build?.kind,
        publishToLiveS: seconds(liveAt - asked),
        checkS: seconds(report.durationMs),
        checkDoneAfterLiveS: seconds(doneAt - liveAt),
        counts: report.counts,
      }),
    );
  } finally {
    await live.stop();
  }
} finally {
  cms.stop();
  outside.close();
}

/**
 * The generated bodies carry no links: give each article three, as real ones do (another
 * article, an upload written as the body's relative path, an external page of its own).
 */
async function plantLinks(scratch: { url: string; writeToken: string }, port: number): Promise<void> {
  const headers = { Authorization: `Bearer ${scratch.writeToken}`, 'Content-Type': 'application/json' };
  const all: z.infer<typeof articleList>['data'] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${scratch.url}/api/articles?fields[0]=slug&fields[1]=body&pagination[pageSize]=100&pagination[page]=${page}`, { headers });
    const list = articleList.parse(await response.json());
    all.push(...list.data);
    if (page >= list.meta.pagination.pageCount) break;
  }
  await inParallel(all, 4, async (entry, i) => {
    const other = all[(i + 1) % all.length]!.slug;
    const body = `${entry.body ?? ''}\n\nXem thêm [bài liên quan](/tin-tuc/${other}/), [tệp](/uploads/khong-co-${i}.pdf) và [trang ngoài](http://127.0.0.1:${port}/trang-${i}).`;
    const response = await fetch(`${scratch.url}/api/articles/${entry.documentId}?status=published`, { method: 'PUT', headers, body: JSON.stringify({ data: { body } }) });
    if (!response.ok) throw new Error(`planting links in ${entry.documentId}: ${response.status}`);
  });
}
