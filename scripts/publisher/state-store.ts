import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { buildRecordSchema } from './build-record.js';
import { faultPoint } from './fault-point.js';
import { triggerSchema } from './trigger.js';

export const historyLimit = 50;

/** What survives a restart: the history, and events not yet built (a crash must not lose them). */
const stateSchema = z.object({
  history: z.array(buildRecordSchema).default([]),
  pending: z.array(triggerSchema).default([]),
  building: z.array(triggerSchema).default([]),
});
export type PersistedState = z.infer<typeof stateSchema>;

const empty = (): PersistedState => ({ history: [], pending: [], building: [] });

/**
 * `publisher/state.json`, written atomically (temporary file, fsync, rename), one write at a
 * time; saves asked for during a write collapse into one, serialised when it starts (a burst
 * of 10,000 events is neither 10,000 fsyncs nor 10,000 JSON.stringify calls).
 */
export class StateStore {
  #writing: Promise<void> | undefined;
  /** The write that starts next, and the callers waiting for it. */
  #next: { snapshot: () => PersistedState; done: Promise<void>; settle(error?: unknown): void } | undefined;

  constructor(readonly file: string) {}

  /** A missing file is a first start; an unreadable one is reported and replaced. */
  async load(onInvalid: (reason: string) => void): Promise<PersistedState> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw error;
    }
    try {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      onInvalid(parsed.error.issues[0]?.message ?? 'invalid');
    } catch (error) {
      onInvalid((error as Error).message);
    }
    return empty();
  }

  /**
   * Queues a write of `state` (or of what the function returns when the write starts);
   * resolves once that write is on disk (not when the queue is empty: a steady stream of
   * saves does not keep the first caller waiting), rejects when it failed.
   */
  save(state: PersistedState | (() => PersistedState)): Promise<void> {
    const snapshot = typeof state === 'function' ? state : () => state;
    if (this.#next) {
      this.#next.snapshot = snapshot;
    } else {
      let settle!: (error?: unknown) => void;
      const done = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
      // A caller that does not wait must not make an unhandled rejection of a failed write.
      done.catch(() => {});
      this.#next = { snapshot, done, settle };
    }
    const { done } = this.#next;
    this.#writing ??= this.#drain().finally(() => (this.#writing = undefined));
    return done;
  }

  async #drain(): Promise<void> {
    // One turn of the event loop first: the events of a burst that arrive together join this write.
    await new Promise((resolve) => setImmediate(resolve));
    for (let job = this.#next; job !== undefined; job = this.#next) {
      this.#next = undefined;
      try {
        const state = job.snapshot();
        await this.#write(JSON.stringify({ ...state, history: state.history.slice(0, historyLimit) }, null, 2));
        job.settle();
      } catch (error) {
        job.settle(error ?? new Error('state write failed'));
      }
    }
  }

  async #write(text: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp-${randomBytes(3).toString('hex')}`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } catch (error) {
      // A full disk: the old state.json stays whole, and no half-written copy is left behind.
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    await faultPoint('state-write');
    await rename(temporary, this.file);
  }
}
