import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves once the CMS answers `/_health` with a success; rejects only when `signal` aborts. */
export async function waitForCms(strapiUrl: string, signal: AbortSignal, intervalMs = 2000): Promise<void> {
  const url = new URL(`${strapiUrl.replace(/\/+$/, '')}/_health`);
  for (;;) {
    signal.throwIfAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) });
      if (response.ok) return;
    } catch {
      // Not up yet: try again.
    }
    await sleep(intervalMs, undefined, { signal });
  }
}
