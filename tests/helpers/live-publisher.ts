import { startLocalPublisher, type LocalPublisher } from '../../scripts/publisher/local-publisher.js';
import type { PublisherStatus } from '../../scripts/publisher/publisher.js';
import { waitFor } from '../int/publisher/support/harness.js';

export interface LivePublisher extends LocalPublisher {
  status(): Promise<PublisherStatus>;
  /** Resolves when the publisher is idle with at least this many builds behind it. */
  settled(afterBuilds: number): Promise<PublisherStatus>;
}

/**
 * The real publisher on loopback: real site builds of the CMS's content, real release
 * swaps, the status page and the public site, as `npm run publisher` runs them, with a
 * short debounce and no retries.
 */
export async function startLivePublisher(options: { cmsUrl(): string; siteToken(): string; secret: string; hooksPort: number; massRewriteFiles?: number }): Promise<LivePublisher> {
  const local = await startLocalPublisher({
    cms: () => ({ strapiUrl: options.cmsUrl(), strapiToken: options.siteToken() }),
    secret: options.secret,
    hooksPort: options.hooksPort,
    massRewriteFiles: options.massRewriteFiles,
    timing: { debounceMs: 300, maxWaitMs: 5000, buildTimeoutMs: 300_000, keepReleases: 5, retryDelaysMs: [] },
  });
  const status = async () => (await fetch(`${local.hooksUrl}/status`)).json() as Promise<PublisherStatus>;
  return {
    ...local,
    status,
    settled: (afterBuilds) =>
      waitFor(async () => {
        const s = await status();
        return s.state === 'idle' && s.history.length >= afterBuilds && s.pending.length === 0 ? s : undefined;
      }, 240_000, `build number ${afterBuilds}`),
  };
}
