import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { buildRecordSchema } from './build-record.js';
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
 * time; snapshots saved during a write collapse into the newest (a burst of 20 events is
 * not 20 fsyncs).
 */
export class StateStore {
  #writing: Promise<void> | undefined;
  #next: string | undefined;

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

  /** Queues a write of `state`; resolves once it (or a newer state) is on disk. */
  save(state: PersistedState): Promise<void> {
    this.#next = JSON.stringify({ ...state, history: state.history.slice(0, historyLimit) }, null, 2);
    this.#writing ??= this.#drain().finally(() => (this.#writing = undefined));
    return this.#writing;
  }

  async #drain(): Promise<void> {
    for (let text = this.#next; text !== undefined; text = this.#next) {
      this.#next = undefined;
      await this.#write(text);
    }
  }

  async #write(text: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp-${randomBytes(3).toString('hex')}`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }
}
