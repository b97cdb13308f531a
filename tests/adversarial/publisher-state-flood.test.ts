import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_LIMIT, RECORDED_TRIGGERS } from '../../scripts/publisher/trigger.js';
import { secret, strapiEvent, waitFor } from '../int/publisher/support/harness.js';
import { startFakeBuildPublisher, type FakeBuildProcess } from './support/fake-build-process.js';

const CALLS = 10_000;
const CONCURRENCY = 64;

/**
 * 10,000 deploy-hook and webhook calls against a real publisher process while it builds
 * (issue 17, part 5): every call answered, what waits stays bounded (merged by meaning, past
 * PENDING_LIMIT folded into one whole build), state.json stays small, the public site answers
 * throughout, and the build they all wait for is one follow-up. The figures (event-loop delay
 * and memory inside the publisher, the time the flood adds to a build) are printed.
 */
describe('a flood of hooks during a build', () => {
  let dir: string;
  let p: FakeBuildProcess;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flood-'));
    // 2,000 article pages: a build writes, compresses and checks some 2,000 files.
    p = await startFakeBuildPublisher({ PUBLISHER_DIR: dir, FAKE_SLUGS: '2000' });
  });

  afterAll(async () => {
    console.log(`flood figures: ${JSON.stringify(figures)}`);
    await p?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const settled = (builds: number) =>
    waitFor(async () => {
      const status = await p.status();
      return status.state === 'idle' && status.history.length >= builds ? status : undefined;
    }, 60_000, `${builds} build(s)`);

  /** CALLS requests, CONCURRENCY at a time: deploy hooks (every tenth cold) and distinct article publishes, interleaved. */
  async function flood(tag: string): Promise<{ statuses: Map<number, number>; ms: number }> {
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < CALLS; i = next++) {
        const response =
          i % 2 === 0
            ? await p.deploy(i % 20 === 0 ? '?clear_cache=1' : '')
            : await fetch(`${p.hooksUrl}/hooks/strapi`, {
                method: 'POST',
                headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
                body: JSON.stringify(strapiEvent('entry.publish', 'article', { documentId: `${tag}-${i}`, publishedAt: '2026-12-04T00:00:00.000Z' })),
              });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { statuses, ms: Math.round(performance.now() - started) };
  }

  /** The public site, asked every 50 ms while `during` runs: every answer and the slowest one. */
  async function watchSite<T>(during: Promise<T>): Promise<{ result: T; answers: number[]; slowestMs: number }> {
    const answers: number[] = [];
    let slowestMs = 0;
    let done = false;
    const watching = (async () => {
      while (!done) {
        const started = performance.now();
        const response = await fetch(`${p.publicUrl}/`);
        await response.arrayBuffer();
        slowestMs = Math.max(slowestMs, performance.now() - started);
        answers.push(response.status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const result = await during.finally(() => (done = true));
    await watching;
    return { result, answers, slowestMs: Math.round(slowestMs) };
  }

  it('answers every call, keeps what waits and state.json bounded, serves the site, and makes one follow-up build', async () => {
    await p.deploy();
    const quiet = await settled(1);
    figures.quietBuildMs = quiet.lastBuild.durationMs;
    const before = await p.stats();

    p.hold();
    await p.deploy();
    await waitFor(async () => (await p.status()).state === 'building', 10_000, 'the held build');
    p.resetStats();
    const { result, answers, slowestMs } = await watchSite(flood('held'));
    const during = await p.stats();
    Object.assign(figures, {
      floodMs: result.ms,
      callsPerSecond: Math.round(CALLS / (result.ms / 1000)),
      eventLoopDelayMs: { p50: during.p50, p99: during.p99, max: during.max },
      rssMb: { before: before.rssMb, after: during.rssMb },
      heapMb: { before: before.heapMb, after: during.heapMb },
      publicSiteSlowestMs: slowestMs,
    });

    expect(Object.fromEntries(result.statuses)).toEqual({ 202: CALLS });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);

    const waiting = await p.status();
    expect(waiting.state).toBe('building');
    expect(waiting.pending.length).toBeLessThanOrEqual(PENDING_LIMIT);
    const merged = waiting.pending.find((t: any) => t.merged);
    // 5,000 distinct documents plus the merged deploy requests: folded into one whole build.
    expect(merged?.merged).toBeGreaterThanOrEqual(CALLS / 2);
    const stateBytes = statSync(path.join(dir, 'publisher', 'state.json')).size;
    figures.stateJsonBytes = stateBytes;
    expect(stateBytes).toBeLessThan(256 * 1024);
    // A generous bound that proves the property: no call re-serialises an unbounded state.
    expect(during.max).toBeLessThan(1000);

    p.release();
    const after = await settled(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const final = await p.status();
    expect(final.history).toHaveLength(3);
    expect(final.state).toBe('idle');
    const followUp = final.history[0];
    expect(followUp.ok).toBe(true);
    expect(followUp.clearCache).toBe(true);
    expect(followUp.trigger.length).toBeLessThanOrEqual(RECORDED_TRIGGERS);
    expect(followUp.triggerCount).toBeGreaterThanOrEqual(CALLS / 2);
    expect(after.current).toBe(followUp.id);
    // Two builds of 2,000 pages and 10,000 calls on two shared cores: more than the default minute.
  }, 180_000);

  it('a flood during an unheld build: the time it adds to the build', async () => {
    const builds = (await p.status()).history.length;
    await p.deploy();
    await settled(builds + 1);
    const quiet = (await p.status()).lastBuild.durationMs as number;

    await p.deploy();
    await waitFor(async () => (await p.status()).state === 'building', 10_000, 'a build');
    const { ms } = await flood('unheld');
    const done = await settled(builds + 3);
    const flooded = done.history.find((b: any, i: number) => i > 0 && b.ok)?.durationMs as number;
    Object.assign(figures, { rebuildQuietMs: quiet, rebuildUnderFloodMs: flooded, secondFloodMs: ms });
    expect(done.history.slice(0, 2).every((b: any) => b.ok)).toBe(true);
  }, 180_000);
});
