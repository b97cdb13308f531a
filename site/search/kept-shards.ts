/**
 * Shard indexes kept alive in Pagefind's service from one build to the next, each holding a
 * shard's pages as one release has them. A build on top of that release parses only its
 * changed pages again (shard-index.ts) instead of a quarter of pages. Kept for one release at a
 * time: a build on top of any other (a rollback, a release the check refused) starts afresh.
 */
import * as pagefind from 'pagefind';
import type { ShardIndex } from './shard-index.js';

export class KeptShards {
  #release: string | undefined;
  readonly #shards = new Map<string, ShardIndex>();

  /** Before a build on top of `release`: indexes kept for another release are dropped. */
  async useFor(release: string): Promise<void> {
    if (this.#release !== release) await this.reset();
  }

  /** The index of `shard`, now the caller's; undefined when none is kept. */
  take(shard: string): ShardIndex | undefined {
    const index = this.#shards.get(shard);
    this.#shards.delete(shard);
    return index;
  }

  /**
   * After a build of `release`: `indexes` hold its shards as it has them; the others kept
   * (not taken by the build) are unchanged by it and stay.
   */
  keep(release: string, indexes: readonly ShardIndex[]): void {
    this.#release = release;
    for (const index of indexes) this.#shards.set(index.shard, index);
  }

  /** Drops every index, with the Pagefind service that holds them. */
  async reset(): Promise<void> {
    this.#shards.clear();
    this.#release = undefined;
    await pagefind.close();
  }
}
