/**
 * A real publisher process (Publisher, hooks server, public server, state, lock) whose site
 * build is the fake one of tests/int/publisher/support, so a test can flood it, SIGKILL it
 * at a fault point (PUBLISHER_FAULT_PAUSE) or start a second one on its folder without Astro.
 * Env: PUBLISHER_DIR (required), KEEP_RELEASES, BUILD_DELAY_MS (each build waits this long
 * first), FAKE_SLUGS (articles in the fake CMS and site). Prints `READY {json}` when it listens;
 * a line `stats` on stdin answers `STATS {json}` (event-loop delay since the last `reset`,
 * memory); `hold` makes builds that start from then on wait for `release`; SIGTERM stops it
 * gracefully.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { DirectoryLockedError } from '../../../scripts/publisher/directory-lock.js';
import { fakeCms } from '../../int/publisher/support/fake-cms.js';
import { writeFakeSite } from '../../int/publisher/support/fake-site.js';
import { startPublisher } from '../../int/publisher/support/harness.js';
import path from 'node:path';

const dir = process.env.PUBLISHER_DIR;
if (!dir) throw new Error('PUBLISHER_DIR is required');
const delayMs = Number(process.env.BUILD_DELAY_MS ?? 0);
const slugCount = Number(process.env.FAKE_SLUGS ?? 2);
const cms = await fakeCms(Array.from({ length: slugCount }, (_, i) => `tin-${i + 1}`));

let gate: { promise: Promise<void>; open(): void } | undefined;
const resolutionMs = 10;
const delay = monitorEventLoopDelay({ resolution: resolutionMs });
delay.enable();

let publisher;
try {
  publisher = await startPublisher({
    dir,
    cms,
    keepReleases: Number(process.env.KEEP_RELEASES ?? 5),
    debounceMs: 50,
    maxWaitMs: 1000,
    log: (line) => console.log(line),
    build: async (releaseDir, context) => {
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: context.signal });
      if (gate) await gate.promise;
      await writeFakeSite(releaseDir, path.basename(releaseDir), cms.slugs);
    },
  });
} catch (error) {
  if (!(error instanceof DirectoryLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const running = publisher;
// Before READY: a test may send SIGTERM the moment it reads that line.
process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
console.log(`READY ${JSON.stringify({ hooksUrl: running.hooksUrl, publicUrl: running.publicUrl, pid: process.pid })}`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'reset') delay.reset();
  if (line === 'hold') {
    let open!: () => void;
    gate = { promise: new Promise<void>((resolve) => (open = resolve)), open };
  }
  if (line === 'release') {
    gate?.open();
    gate = undefined;
  }
  if (line === 'stats') {
    // The histogram holds the whole sampling interval: the delay is what exceeds it.
    const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - resolutionMs);
    const memory = process.memoryUsage();
    console.log(
      `STATS ${JSON.stringify({ p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), rssMb: Math.round(memory.rss / 2 ** 20), heapMb: Math.round(memory.heapUsed / 2 ** 20) })}`,
    );
  }
});

