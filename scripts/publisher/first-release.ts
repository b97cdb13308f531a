import { waitForCms } from './cms-health.js';
import type { Log } from './log.js';
import type { Publisher } from './publisher.js';
import { newTrigger } from './trigger.js';

/**
 * A publisher with no release yet serves only the "being built" page: it queues a build
 * (source 'startup') as soon as the CMS is healthy. Resolves true when it queued one.
 */
export async function buildFirstRelease(publisher: Publisher, strapiUrl: string, signal: AbortSignal, log: Log, pollMs?: number): Promise<boolean> {
  if (await publisher.store.current()) return false;
  log(`no release yet: building once the CMS answers ${strapiUrl}/_health`);
  try {
    await waitForCms(strapiUrl, signal, pollMs);
  } catch {
    // waitForCms rejects only when the publisher is shutting down.
    return false;
  }
  return publisher.enqueue(newTrigger({ source: 'startup' })).queued;
}
