import { afterEach, describe, expect, it } from 'vitest';
import { startPublisher, strapiEvent, waitFor, type TestPublisher } from './support/harness.js';

const publish = (documentId: string) => strapiEvent('entry.publish', 'article', { id: 1, documentId, publishedAt: '2026-11-27T08:00:00.000Z' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('debounce and single flight, over real webhooks', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it('a burst of 20 events becomes exactly one build', async () => {
    p = await startPublisher({ debounceMs: 150, maxWaitMs: 5000 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => p.strapi(publish(`doc-${i}`))));
    expect(answers.every((a) => a.status === 202 && a.body.queued)).toBe(true);
    const s = await p.builds(1);
    await pause(400);
    expect(p.fake.calls).toHaveLength(1);
    expect((await p.status()).history).toHaveLength(1);
    expect(s.history[0]!.trigger.map((t) => t.documentId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `doc-${i}`).sort());
  });

  it('events during a build make exactly one follow-up, never a second build at once', async () => {
    p = await startPublisher({ debounceMs: 30, maxWaitMs: 1000 });
    p.fake.hold();
    await p.strapi(publish('first'));
    await waitFor(() => p.fake.running === 1, 5000, 'the first build');
    for (let i = 0; i < 5; i += 1) {
      await p.strapi(publish(`during-${i}`));
      await pause(40);
    }
    const waiting = await p.status();
    expect(waiting.state).toBe('building');
    expect(waiting.building?.trigger.map((t) => t.documentId)).toEqual(['first']);
    expect(waiting.pending).toHaveLength(5);
    expect(p.fake.calls).toHaveLength(1);

    p.fake.release();
    const s = await p.builds(2);
    await pause(300);
    expect(p.fake.calls).toHaveLength(2);
    expect(p.fake.maxRunning).toBe(1);
    expect(s.history[0]!.trigger.map((t) => t.documentId)).toEqual(['during-0', 'during-1', 'during-2', 'during-3', 'during-4']);
    expect((await p.status()).state).toBe('idle');
  });

  it('a stream of events that never pauses still builds within MAX_WAIT_MS', async () => {
    p = await startPublisher({ debounceMs: 200, maxWaitMs: 500 });
    const started = Date.now();
    // One event every 50 ms for 1.5 s: the quiet window alone would wait until the end.
    for (let i = 0; i < 30; i += 1) {
      await p.strapi(publish(`doc-${i}`));
      await pause(50);
    }
    const streamEnded = Date.now();
    expect(p.fake.calls.length).toBeGreaterThanOrEqual(1);
    expect(p.fake.calls[0]!.startedAt).toBeLessThan(streamEnded);
    expect(p.fake.calls[0]!.startedAt - started).toBeGreaterThanOrEqual(500);
    const s = await waitFor(async () => {
      const status = await p.status();
      return status.state === 'idle' ? status : undefined;
    });
    expect(s.history.flatMap((b) => b.trigger)).toHaveLength(30);
  });
});
