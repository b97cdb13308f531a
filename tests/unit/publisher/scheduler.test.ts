import { describe, expect, it } from 'vitest';
import { BuildScheduler, type Batch, type Timers } from '../../../scripts/publisher/scheduler.js';

/** A clock that only moves when the test says so. */
class FakeClock implements Timers {
  time = 0;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.#timers.delete(handle as number);

  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    await settle();
    const end = this.time + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

interface Run {
  batch: Batch<string>;
  at: number;
  signal: AbortSignal;
  finish(ok: boolean): void;
}

function setup(options: { debounceMs?: number; maxWaitMs?: number; retryDelaysMs?: number[] } = {}) {
  const clock = new FakeClock();
  const runs: Run[] = [];
  const scheduler = new BuildScheduler<string>({
    debounceMs: options.debounceMs ?? 100,
    maxWaitMs: options.maxWaitMs ?? 1000,
    retryDelaysMs: options.retryDelaysMs ?? [],
    timers: clock,
    run: (batch, signal) => new Promise<boolean>((resolve) => runs.push({ batch, at: clock.time, signal, finish: resolve })),
  });
  return { clock, runs, scheduler };
}

describe('BuildScheduler', () => {
  it('turns a burst of 20 events into one build, a quiet window after the last', async () => {
    const { clock, runs, scheduler } = setup({ debounceMs: 100 });
    for (let i = 0; i < 20; i += 1) {
      scheduler.add(`e${i}`);
      await clock.advance(10);
    }
    expect(scheduler.state).toBe('waiting');
    expect(runs).toHaveLength(0);
    await clock.advance(89);
    expect(runs).toHaveLength(0);
    await clock.advance(1);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.at).toBe(290);
    expect(runs[0]!.batch.items).toHaveLength(20);
    expect(scheduler.state).toBe('building');
  });

  it('starts no later than maxWaitMs after the first event of a burst that never pauses', async () => {
    const { clock, runs, scheduler } = setup({ debounceMs: 100, maxWaitMs: 300 });
    for (let i = 0; i < 10; i += 1) {
      scheduler.add(`e${i}`);
      await clock.advance(50);
    }
    expect(runs[0]!.at).toBe(300);
    expect(runs[0]!.batch.items).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('never runs two builds at once; events during a build make exactly one follow-up', async () => {
    const { clock, runs, scheduler } = setup({ debounceMs: 100 });
    scheduler.add('first');
    await clock.advance(100);
    expect(runs).toHaveLength(1);
    for (let i = 0; i < 5; i += 1) {
      scheduler.add(`during${i}`);
      await clock.advance(200);
    }
    expect(runs).toHaveLength(1);
    expect(scheduler.pending).toHaveLength(5);
    runs[0]!.finish(true);
    await clock.advance(0);
    // The quiet window has long passed during the build: the follow-up starts at once.
    expect(runs).toHaveLength(2);
    expect(runs[1]!.batch.items).toEqual(['during0', 'during1', 'during2', 'during3', 'during4']);
    runs[1]!.finish(true);
    await clock.advance(10_000);
    expect(runs).toHaveLength(2);
    expect(scheduler.state).toBe('idle');
  });

  it('waits for the quiet window after a build when the last event was recent', async () => {
    const { clock, runs, scheduler } = setup({ debounceMs: 100 });
    scheduler.add('first');
    await clock.advance(100);
    scheduler.add('late');
    runs[0]!.finish(true);
    await clock.advance(99);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    expect(runs).toHaveLength(2);
  });

  it('counts a keyed event once while it waits, but again once its build has started', async () => {
    const { clock, runs, scheduler } = setup();
    expect(scheduler.add('publish d1', { key: 'entry.publish:d1' })).toBe(true);
    expect(scheduler.add('publish d1 (en)', { key: 'entry.publish:d1' })).toBe(false);
    await clock.advance(100);
    expect(runs[0]!.batch.items).toEqual(['publish d1']);
    expect(scheduler.add('publish d1 again', { key: 'entry.publish:d1' })).toBe(true);
  });

  it('asks for a cold build when any event of the batch did, and only for that batch', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.add('a');
    scheduler.add('b', { clearCache: true });
    await clock.advance(100);
    runs[0]!.finish(true);
    scheduler.add('c');
    await clock.advance(100);
    expect(runs.map((r) => r.batch.clearCache)).toEqual([true, false]);
  });

  it('retries a failed batch after each backoff delay, then waits for the next event', async () => {
    const { clock, runs, scheduler } = setup({ retryDelaysMs: [5000, 30_000] });
    scheduler.add('publish');
    await clock.advance(100);
    runs[0]!.finish(false);
    await clock.advance(0);
    expect(scheduler.state).toBe('waiting');
    expect(scheduler.nextAttempt).toBe(2);
    expect(scheduler.nextRunAt).toBe(5100);
    await clock.advance(4999);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    expect(runs[1]!.batch).toMatchObject({ items: ['publish'], attempt: 2 });
    runs[1]!.finish(false);
    await clock.advance(30_000);
    expect(runs[2]!.batch.attempt).toBe(3);
    runs[2]!.finish(false);
    await clock.advance(600_000);
    expect(runs).toHaveLength(3);
    expect(scheduler.state).toBe('idle');
    scheduler.add('next');
    await clock.advance(100);
    expect(runs[3]!.batch).toMatchObject({ items: ['next'], attempt: 1 });
  });

  it('lets events that arrive during the backoff join the retry without hurrying it', async () => {
    const { clock, runs, scheduler } = setup({ retryDelaysMs: [5000] });
    scheduler.add('publish', { key: 'k' });
    await clock.advance(100);
    runs[0]!.finish(false);
    await clock.advance(1000);
    scheduler.add('twin', { key: 'k' });
    scheduler.add('other');
    await clock.advance(3999);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    expect(runs[1]!.batch.items).toEqual(['publish', 'other']);
  });

  it('stops: aborts the running build and starts nothing more', async () => {
    const { clock, runs, scheduler } = setup();
    scheduler.add('a');
    await clock.advance(100);
    scheduler.add('b');
    const stopped = scheduler.stop();
    expect(runs[0]!.signal.aborted).toBe(true);
    runs[0]!.finish(false);
    await stopped;
    await clock.advance(10_000);
    expect(runs).toHaveLength(1);
    expect(scheduler.add('c')).toBe(false);
  });
});
