import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from '../../scripts/publisher/build-site.js';
import { checkRelease } from '../../scripts/publisher/check-release.js';
import { createHooksServer } from '../../scripts/publisher/hooks-server.js';
import { silentLog } from '../../scripts/publisher/log.js';
import { createPublicServer } from '../../scripts/publisher/public-server.js';
import { Publisher, type PublisherStatus } from '../../scripts/publisher/publisher.js';
import { waitFor } from '../int/publisher/support/harness.js';

export interface LivePublisher {
  publisher: Publisher;
  hooksUrl: string;
  siteUrl: string;
  status(): Promise<PublisherStatus>;
  /** Resolves when the publisher is idle with at least this many builds behind it. */
  settled(afterBuilds: number): Promise<PublisherStatus>;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/**
 * The real publisher on loopback: real site builds of the CMS's content, real release
 * swaps, the status page and the public site, as `npm run publisher` runs them.
 */
export async function startLivePublisher(options: { cmsUrl(): string; siteToken(): string; secret: string; hooksPort: number }): Promise<LivePublisher> {
  const publisherDir = mkdtempSync(path.join(os.tmpdir(), 'portal-publisher-'));
  process.env.SITE_CACHE_DIR = path.join(publisherDir, 'cache');
  const cms = () => ({ strapiUrl: options.cmsUrl(), strapiToken: options.siteToken() });
  const publisher = new Publisher({
    publisherDir,
    debounceMs: 300,
    maxWaitMs: 5000,
    buildTimeoutMs: 300_000,
    keepReleases: 5,
    retryDelaysMs: [],
    log: silentLog,
    build: (releaseDir, context) => buildSite(releaseDir, { ...cms(), clearCache: context.clearCache, signal: context.signal, log: context.log }),
    check: (releaseDir) => checkRelease(releaseDir, cms()),
  });
  await publisher.start();
  const hooks = createHooksServer({ publisher, secret: options.secret, log: silentLog });
  const site = createPublicServer({ publisherDir, imageOrigins: [options.cmsUrl()], log: silentLog });
  const hooksUrl = `http://127.0.0.1:${await listen(hooks, options.hooksPort)}`;
  const siteUrl = `http://127.0.0.1:${await listen(site, 0)}`;
  const status = async () => (await fetch(`${hooksUrl}/status`)).json() as Promise<PublisherStatus>;
  return {
    publisher,
    hooksUrl,
    siteUrl,
    status,
    settled: (afterBuilds) =>
      waitFor(async () => {
        const s = await status();
        return s.state === 'idle' && s.history.length >= afterBuilds && s.pending.length === 0 ? s : undefined;
      }, 240_000, `build number ${afterBuilds}`),
    async stop() {
      await publisher.stop();
      await Promise.all([hooks, site].map((server) => new Promise((resolve) => server.close(resolve))));
      delete process.env.SITE_CACHE_DIR;
    },
  };
}
