import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { orderWritesOf } from '../../../site/integrations/content-store-writes-in-order.js';

interface Store {
  scopedStore(collection: string): { set(entry: { id: string; data: Record<string, unknown> }): boolean };
  waitUntilSaveComplete(): Promise<void>;
}

const siteRequire = createRequire(path.resolve('site/package.json'));
const { MutableDataStore } = (await import(pathToFileURL(path.join(path.dirname(siteRequire.resolve('astro')), 'content/mutable-data-store.js')).href)) as {
  MutableDataStore: { fromFile(file: URL): Promise<Store>; prototype: Store & { writeToDisk(): Promise<void> } };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Astro's content store on disk after a sync", () => {
  it('holds the entries set while the debounced save was still writing', async () => {
    orderWritesOf(MutableDataStore);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'data-store.json');
    const store = await MutableDataStore.fromFile(pathToFileURL(file));
    const articles = store.scopedStore('articles');
    for (let i = 0; i < 2000; i += 1) articles.set({ id: `a${i}`, data: { body: 'nội dung '.repeat(200) } });
    // The loader waits on the CMS: the debounced save (500 ms) starts writing meanwhile…
    await sleep(501);
    // …and the last page of entries arrives while it writes; the sync then ends.
    articles.set({ id: 'newest', data: { body: 'tin mới nhất' } });
    await store.waitUntilSaveComplete();
    await sleep(300);
    expect(readFileSync(file, 'utf8')).toContain('tin mới nhất');
  });
});
