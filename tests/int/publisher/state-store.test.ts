import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../../scripts/publisher/build-record.js';
import { StateStore } from '../../../scripts/publisher/state-store.js';

const build = (n: number): BuildRecord => ({
  id: `20261127T2215${String(n).padStart(5, '0')}Z-ab12`,
  startedAt: '2026-11-27T22:15:00.000Z',
  durationMs: 1000 + n,
  ok: n % 2 === 0,
  error: n % 2 === 0 ? null : 'astro build exited with code 1',
  trigger: [{ id: `t${n}`, source: 'strapi', event: 'entry.publish', documentId: `d${n}`, at: '2026-11-27T22:14:59.000Z' }],
  attempt: 1,
  clearCache: false,
  log: `publisher/logs/${n}.log`,
});

const fresh = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'state-'));
  return { dir, store: new StateStore(path.join(dir, 'publisher', 'state.json')) };
};

describe('StateStore', () => {
  it('round-trips history and pending events, keeping the newest 50 builds', async () => {
    const { store } = fresh();
    const history = Array.from({ length: 60 }, (_, i) => build(60 - i));
    const pending = [{ id: 'p1', source: 'deploy' as const, at: '2026-11-27T22:20:00.000Z' }];
    await store.save({ history, pending, building: [] });
    const loaded = await store.load(() => {});
    expect(loaded.history).toEqual(history.slice(0, 50));
    expect(loaded.pending).toEqual(pending);
  });

  it('a burst of saves ends with the newest on disk and no temporary files', async () => {
    const { dir, store } = fresh();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ history: [build(i)], pending: [], building: [] })));
    expect(JSON.parse(readFileSync(path.join(dir, 'publisher', 'state.json'), 'utf8')).history[0].id).toBe(build(19).id);
    expect(readdirSync(path.join(dir, 'publisher'))).toEqual(['state.json']);
  });

  it.each([
    ['missing', undefined, false],
    ['not JSON', '{"history": [', true],
    ['not the expected shape', '{"history": [{"id": 1}]}', true],
  ])('a %s file starts an empty history (reported: %s)', async (_, content, reported) => {
    const { dir, store } = fresh();
    if (content !== undefined) {
      const file = path.join(dir, 'publisher', 'state.json');
      await store.save({ history: [], pending: [], building: [] });
      writeFileSync(file, content);
    }
    const reasons: string[] = [];
    expect(await store.load((reason) => reasons.push(reason))).toEqual({ history: [], pending: [], building: [] });
    expect(reasons.length > 0).toBe(reported);
  });
});
