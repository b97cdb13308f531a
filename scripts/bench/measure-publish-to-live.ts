import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from '../publisher/build-site.js';
import { checkRelease } from '../publisher/check-release.js';
import { createHooksServer } from '../publisher/hooks-server.js';
import { silentLog } from '../publisher/log.js';
import { createPublicServer } from '../publisher/public-server.js';
import { Publisher } from '../publisher/publisher.js';

export interface PublisherForBench {
  hooksPort: number;
  secret: string;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/**
 * Publish-to-live as an editor lives it: an article's new title is published through the
 * CMS's REST API, the CMS's own webhook reaches the publisher (production debounce), which
 * builds, checks and swaps the release; the clock stops when the public server answers with
 * the new title. `edits` times, after one first release.
 */
export async function measurePublishToLive(
  cms: { url: string; token: string; writeToken: string },
  hooks: PublisherForBench,
  edits: number,
): Promise<number[]> {
  const publisherDir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-publisher-'));
  const previousCache = process.env.SITE_CACHE_DIR;
  process.env.SITE_CACHE_DIR = path.join(publisherDir, 'cache');
  const read = { strapiUrl: cms.url, strapiToken: cms.token };
  const publisher = new Publisher({
    publisherDir,
    debounceMs: 3000,
    maxWaitMs: 30_000,
    buildTimeoutMs: 3_600_000,
    keepReleases: 2,
    log: silentLog,
    build: (releaseDir, context) => buildSite(releaseDir, { ...read, signal: context.signal, log: context.log }),
    check: (releaseDir) => checkRelease(releaseDir, read),
  });
  await publisher.start();
  const hooksServer = createHooksServer({ publisher, secret: hooks.secret, log: silentLog });
  const site = createPublicServer({ publisherDir, imageOrigins: [cms.url], log: silentLog });
  await listen(hooksServer, hooks.hooksPort);
  const siteUrl = `http://127.0.0.1:${await listen(site, 0)}`;
  const headers = { Authorization: `Bearer ${cms.writeToken}`, 'Content-Type': 'application/json' };
  const waitUntil = async (probe: () => Promise<boolean>) => {
    while (!(await probe())) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  try {
    await fetch(`http://127.0.0.1:${hooks.hooksPort}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${hooks.secret}` } });
    await waitUntil(async () => (await fetch(`${siteUrl}/`)).status === 200);
    const list = (await (await fetch(`${cms.url}/api/articles?sort[0]=postedAt:desc&pagination[pageSize]=${edits}&fields[0]=title&fields[1]=slug`, { headers })).json()) as {
      data: { documentId: string; title: string; slug: string }[];
    };
    const times: number[] = [];
    for (const [i, article] of list.data.entries()) {
      const title = `${article.title} (sửa lần ${i + 1})`;
      const start = performance.now();
      const answer = await fetch(`${cms.url}/api/articles/${article.documentId}?status=published`, { method: 'PUT', headers, body: JSON.stringify({ data: { title } }) });
      if (!answer.ok) throw new Error(`publishing ${article.documentId}: ${answer.status} ${await answer.text()}`);
      const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      await waitUntil(async () => (await (await fetch(`${siteUrl}/tin-tuc/${article.slug}/`)).text()).includes(escaped));
      times.push(performance.now() - start);
      process.stderr.write(`publish-to-live ${i + 1}/${edits}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    }
    return times;
  } finally {
    await publisher.stop();
    await Promise.all([hooksServer, site].map((server) => new Promise((resolve) => server.close(resolve))));
    if (previousCache === undefined) delete process.env.SITE_CACHE_DIR;
    else process.env.SITE_CACHE_DIR = previousCache;
    rmSync(publisherDir, { recursive: true, force: true });
  }
}
