import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkRelease } from './check-release.js';
import { PublishedSlugs } from './cms-articles.js';
import { createHooksServer } from './hooks-server.js';
import { silentLog } from './log.js';
import { createSiteBuilder } from './incremental/site-builder.js';
import { LinkCheckRunner } from './link-check/link-check-runner.js';
import { createPublicServer } from './public-server.js';
import { Publisher, type PublisherOptions } from './publisher.js';

export interface LocalPublisherOptions {
  /** Read at every build: a test may restart its CMS on another port. */
  cms(): { strapiUrl: string; strapiToken: string };
  secret: string;
  hooksPort: number;
  timing: Pick<PublisherOptions, 'debounceMs' | 'maxWaitMs' | 'buildTimeoutMs' | 'keepReleases' | 'retryDelaysMs'>;
  /** 0 makes every build a full one. */
  fullBuildEveryMs?: number;
  /** From how many files an incremental build compresses fast first (site-builder.ts). */
  massRewriteFiles?: number;
  /** Runs the link check after each swap, as `npm run publisher` does. */
  linkCheck?: boolean;
}

export interface LocalPublisher {
  publisher: Publisher;
  publisherDir: string;
  /** With `linkCheck`: the runner, to wait for its report. */
  linkCheck: LinkCheckRunner | undefined;
  hooksUrl: string;
  siteUrl: string;
  /** Stops the servers and the publisher and deletes its directory. */
  stop(): Promise<void>;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/**
 * The publisher as `npm run publisher` wires it — real site builds, checks and release swaps,
 * the hooks server with its status page, the public server — on loopback, in a temporary
 * directory with its own content cache. For tests and benchmarks.
 */
export async function startLocalPublisher(options: LocalPublisherOptions): Promise<LocalPublisher> {
  const publisherDir = mkdtempSync(path.join(os.tmpdir(), 'portal-publisher-'));
  const published = new PublishedSlugs();
  const previousCache = process.env.SITE_CACHE_DIR;
  process.env.SITE_CACHE_DIR = path.join(publisherDir, 'cache');
  const linkCheck = options.linkCheck ? new LinkCheckRunner({ publisherDir, cms: options.cms, log: silentLog }) : undefined;
  const publisher = new Publisher({
    publisherDir,
    ...options.timing,
    log: silentLog,
    ...(linkCheck ? { afterLive: (release: { id: string; dir: string }) => linkCheck.released(release) } : {}),
    build: createSiteBuilder({ publisherDir, cms: options.cms, fullBuildEveryMs: options.fullBuildEveryMs, massRewriteFiles: options.massRewriteFiles }),
    check: (releaseDir, built) => checkRelease(releaseDir, options.cms(), built, published),
  });
  await publisher.start();
  const hooks = createHooksServer({ publisher, secret: options.secret, log: silentLog });
  const site = createPublicServer({ publisherDir, imageOrigins: [options.cms().strapiUrl], log: silentLog });
  const hooksUrl = `http://127.0.0.1:${await listen(hooks, options.hooksPort)}`;
  const siteUrl = `http://127.0.0.1:${await listen(site, 0)}`;
  return {
    publisher,
    publisherDir,
    linkCheck,
    hooksUrl,
    siteUrl,
    async stop() {
      await publisher.stop();
      await linkCheck?.stop();
      await Promise.all([hooks, site].map((server) => new Promise((resolve) => server.close(resolve))));
      if (previousCache === undefined) delete process.env.SITE_CACHE_DIR;
      else process.env.SITE_CACHE_DIR = previousCache;
      rmSync(publisherDir, { recursive: true, force: true });
    },
  };
}
