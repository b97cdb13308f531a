import { mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReleaseFileCache } from '../../../scripts/publisher/release-file-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'file-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, bytes: number) => {
  const at = path.join(dir, name);
  writeFileSync(at, Buffer.alloc(bytes, name.charCodeAt(0)));
  return at;
};

describe('the release file cache', () => {
  it('reads a small file once: later answers are the kept bytes, even after the path is replaced on disk', async () => {
    const cache = new ReleaseFileCache({ maxBytes: 1000, maxFileBytes: 100, maxEntries: 10 });
    const page = file('a.html', 50);
    expect((await cache.body(page))?.length).toBe(50);
    // A live release never changes; if it did, the cache would still answer what it read (the reason it is safe only for releases).
    writeFileSync(path.join(dir, 'b.tmp'), 'changed');
    renameSync(path.join(dir, 'b.tmp'), page);
    expect((await cache.body(page))?.length).toBe(50);
    expect(cache.keptBytes).toBe(50);
  });

  it('keeps no missing file, so one that appears later is served', async () => {
    const cache = new ReleaseFileCache();
    const later = path.join(dir, 'later.html');
    expect(await cache.stat(later)).toBeUndefined();
    writeFileSync(later, 'now');
    expect((await cache.stat(later))?.size).toBe(3);
  });

  it('remembers a missing file when asked (a precompressed variant), and answers it missing from then on', async () => {
    const cache = new ReleaseFileCache();
    const variant = path.join(dir, 'page.html.br');
    expect(await cache.stat(variant, true)).toBeUndefined();
    writeFileSync(variant, 'br');
    expect(await cache.stat(variant)).toBeUndefined();
  });

  it.each([
    ['a file over the per-file limit is streamed, not kept', [['big.bin', 101]], 0],
    ['bodies stay under the byte limit, the least recently used going first', [['a', 60], ['b', 60], ['c', 60]], 120],
  ] as const)('%s', async (_, files, kept) => {
    const cache = new ReleaseFileCache({ maxBytes: 150, maxFileBytes: 100, maxEntries: 10 });
    for (const [name, bytes] of files) {
      const body = await cache.body(file(name, bytes));
      expect(body === undefined).toBe(bytes > 100);
    }
    expect(cache.keptBytes).toBe(kept);
  });

  it('keeps at most maxEntries paths', async () => {
    const cache = new ReleaseFileCache({ maxBytes: 1000, maxFileBytes: 100, maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) await cache.body(file(name, 10));
    expect(cache.keptBytes).toBe(20);
  });
});
