import { describe, expect, it } from 'vitest';
import { BuildScheduler, type Timers } from '../../../scripts/publisher/scheduler.js';
import { collapseTriggers, newTrigger, PENDING_LIMIT, recordedTriggers, RECORDED_TRIGGERS, triggerKey, type Trigger } from '../../../scripts/publisher/trigger.js';

/** A clock that never fires: these cases look at what waits, not at when it builds. */
const still: Timers = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };

function scheduler() {
  return new BuildScheduler<Trigger>({
    debounceMs: 1000,
    maxWaitMs: 1000,
    retryDelaysMs: [],
    timers: still,
    run: async () => true,
    bound: { limit: PENDING_LIMIT, collapse: collapseTriggers },
  });
}

const publish = (documentId: string) => newTrigger({ source: 'strapi', event: 'entry.publish', uid: 'api::article.article', documentId });
const add = (s: BuildScheduler<Trigger>, t: Trigger, clearCache = false) => s.add(t, { key: triggerKey(t), clearCache });

describe('what waits for the next build is bounded', () => {
  it('merges every request into one, keeping the first trigger and any cold-build wish', () => {
    const s = scheduler();
    const first = newTrigger({ source: 'deploy' });
    expect(add(s, first)).toBe(true);
    expect(add(s, newTrigger({ source: 'cli' }), true)).toBe(false);
    expect(add(s, newTrigger({ source: 'startup' }))).toBe(false);
    expect(s.pending).toEqual([first]);
    expect(s.waiting('request')).toBe(first);
  });

  it.each([
    [PENDING_LIMIT - 1, PENDING_LIMIT - 1 + 1, undefined],
    [PENDING_LIMIT, 1, PENDING_LIMIT + 1],
    [10_000, 1, 10_001],
  ])('%i distinct documents and one request: %i waiting, merged %s', (documents, waiting, merged) => {
    const s = scheduler();
    const request = newTrigger({ source: 'deploy' });
    add(s, request);
    add(s, publish('d0'));
    // A twin of what waits does not count twice (past the bound, every event is counted into the fold).
    expect(add(s, publish('d0'))).toBe(false);
    for (let i = 1; i < documents; i++) add(s, publish(`d${i}`));
    expect(s.pending).toHaveLength(waiting);
    const folded = s.pending.find((t) => t.merged);
    expect(folded?.merged).toBe(merged);
    // The request's caller follows the trigger that carries it.
    expect(s.waiting('request')?.id).toBe(request.id);
    if (folded) {
      // No uid: the build plan makes it a whole build.
      expect(folded).toMatchObject({ source: 'strapi', event: 'merged' });
      expect(folded.uid).toBeUndefined();
    }
  });

  it('a build record keeps the requests first and at most RECORDED_TRIGGERS, with the whole count', () => {
    const request = newTrigger({ source: 'cli' });
    const items = [...Array.from({ length: 50 }, (_, i) => publish(`d${i}`)), request, { ...collapseTriggers([publish('x'), publish('y')]), merged: 300 }];
    const recorded = recordedTriggers(items);
    expect(recorded.trigger).toHaveLength(RECORDED_TRIGGERS);
    expect(recorded.trigger[0]).toBe(request);
    expect(recorded.triggerCount).toBe(50 + 1 + 300);
  });
});
