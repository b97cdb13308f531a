import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';

interface Writable {
  writeToDisk(): Promise<void>;
}

const ORDERED = Symbol.for('portal.store-writes-in-order');

/**
 * Node's own import(), for the module instance Astro's build runs. An import() written here
 * goes through Vite's module runner, which loaded the config: it would load a copy of the
 * module, and once the config is loaded it refuses ("Vite module runner has been closed").
 */
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

type Store = { prototype: Writable & { [ORDERED]?: true } };

/**
 * Astro 5.18 can lose the last changes of a content sync on disk (withastro/astro#15672;
 * 5.18.2, the last 5.x, has it): a save asked for while the debounced one is still writing is
 * retried with the older snapshot. The debounce fires whenever the loaders pause for 500 ms,
 * as ours do while a busy CMS answers; at 10,000 articles on two cores the newest 201
 * articles were missing from a full build's pages (the release check refused it). Here every
 * write of `MutableDataStore` waits for the one before and then serializes the store as it
 * is, as the fix upstream does.
 */
export function orderWritesOf(MutableDataStore: Store): void {
  const prototype = MutableDataStore.prototype;
  if (prototype[ORDERED]) return;
  const write = prototype.writeToDisk;
  const last = new WeakMap<Writable, Promise<void>>();
  prototype.writeToDisk = function writeToDisk(this: Writable) {
    const next = (last.get(this) ?? Promise.resolve()).catch(() => {}).then(() => write.call(this));
    last.set(this, next);
    return next;
  };
  prototype[ORDERED] = true;
}

/** Orders the writes of the store Astro's build uses (its module is not exported). */
export async function orderStoreWrites(): Promise<void> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('astro'));
  const { MutableDataStore } = (await nativeImport(pathToFileURL(path.join(dist, 'content/mutable-data-store.js')).href)) as { MutableDataStore: Store };
  orderWritesOf(MutableDataStore);
}

export function contentStoreWritesInOrder(): AstroIntegration {
  return {
    name: 'content-store-writes-in-order',
    hooks: { 'astro:config:setup': orderStoreWrites },
  };
}
