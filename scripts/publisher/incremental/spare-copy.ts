import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { linkTree } from './link-tree.js';

interface Spare {
  liveId: string;
  dir: string;
  /** Settles once the copy is made; false when it could not be (the release was pruned meanwhile). */
  made: Promise<boolean>;
}

/**
 * The linked copy of the live release an incremental build starts from, made while the
 * publisher is idle. At 10,000 articles it is some 50,000 links, seconds of kernel time that
 * would otherwise be spent during the next build, beside Astro and the CMS it reads from.
 * There is at most one spare, for the release that is live; it is taken whole or not at all.
 */
export class SpareCopy {
  #spare: Spare | undefined;
  readonly #discarding = new Set<Promise<unknown>>();

  /** `dir`: where spares are made, on the same filesystem as the builds they become. */
  constructor(readonly dir: string) {}

  /** Makes a spare of the release that just went live (`again`: anew, the live release changed); resolves once it is made. */
  async prepare(live: { id: string; dir: string }, again = false): Promise<void> {
    if (this.#spare?.liveId === live.id && !again) {
      await this.#spare.made;
      return;
    }
    this.#discard();
    const dir = path.join(this.dir, `spare-${live.id}`);
    const made = rm(dir, { recursive: true, force: true })
      .then(() => linkTree(live.dir, dir))
      .then(
        () => true,
        () => false,
      );
    this.#spare = { liveId: live.id, dir, made };
    await made;
  }

  /** Puts a linked copy of `live` at `to`: the spare when there is one of it, else one linked now. */
  async take(live: { id: string; dir: string }, to: string): Promise<'spare' | 'linked now'> {
    const spare = this.#spare;
    if (spare?.liveId === live.id) {
      this.#spare = undefined;
      if (await spare.made) {
        await rename(spare.dir, to);
        return 'spare';
      }
      await rm(spare.dir, { recursive: true, force: true });
    }
    this.#discard();
    await linkTree(live.dir, to);
    return 'linked now';
  }

  /** Stops using the spare; resolves once nothing is written any more. */
  async close(): Promise<void> {
    this.#discard();
    await Promise.all([...this.#discarding]);
  }

  #discard(): void {
    const spare = this.#spare;
    if (!spare) return;
    this.#spare = undefined;
    const removal = spare.made.then(() => rm(spare.dir, { recursive: true, force: true })).catch(() => {});
    this.#discarding.add(removal);
    void removal.finally(() => this.#discarding.delete(removal));
  }
}
