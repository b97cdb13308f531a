/** The clock the scheduler reads; tests pass a fake one to step through time. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface Batch<T> {
  items: T[];
  clearCache: boolean;
  /** 1 for the first try, then 2, 3… for retries of the same items. */
  attempt: number;
}

export interface SchedulerOptions<T> {
  debounceMs: number;
  maxWaitMs: number;
  /** Delay before each retry of a failed batch; its length is the number of retries. */
  retryDelaysMs: number[];
  timers: Timers;
  /** One build; resolves true when it succeeded. Must stop soon after `signal` aborts. */
  run(batch: Batch<T>, signal: AbortSignal): Promise<boolean>;
  onChange?(): void;
  /**
   * The bound on what waits: past `limit` distinct keys, everything waiting is folded by
   * `collapse` into one item (under its own key), and later events fold into it, so a flood
   * of events costs a constant amount of memory and state.
   */
  bound?: { limit: number; collapse(items: T[]): T };
}

export type SchedulerState = 'idle' | 'waiting' | 'building';

interface Pending<T> {
  item: T;
  key: string | undefined;
}

/** The key of the item that stands for every event past the bound. */
const COLLAPSED = '\u0000collapsed';

/**
 * Turns a stream of events into builds: a burst becomes one build (quiet window
 * `debounceMs`, but never later than `maxWaitMs` after its first event); one build at a
 * time; whatever arrives during a build becomes exactly one follow-up; a failed batch is
 * retried after `retryDelaysMs`, then dropped until the next event.
 */
export class BuildScheduler<T> {
  readonly #o: SchedulerOptions<T>;
  /** By key; events without one get a key of their own. */
  #pending = new Map<string, Pending<T>>();
  #unkeyed = 0;
  #clearCache = false;
  #firstAt = 0;
  #lastAt = 0;
  /** Earliest start of the next build (a retry's backoff). */
  #notBefore = 0;
  #attempt = 1;
  #timer: unknown;
  #fireAt: number | undefined;
  #running: { items: T[]; abort: AbortController; done: Promise<void> } | undefined;
  #stopped = false;

  constructor(options: SchedulerOptions<T>) {
    this.#o = options;
  }

  get state(): SchedulerState {
    if (this.#running) return 'building';
    return this.#pending.size > 0 ? 'waiting' : 'idle';
  }

  get pending(): T[] {
    return [...this.#pending.values()].map((p) => p.item);
  }

  get building(): T[] {
    return this.#running?.items ?? [];
  }

  /** When the waiting batch starts, unless more events push it back (epoch ms). */
  get nextRunAt(): number | undefined {
    return this.#fireAt;
  }

  /** The attempt number the waiting batch will run as (above 1 while retrying). */
  get nextAttempt(): number {
    return this.#attempt;
  }

  /** Adds an event; false when an event with the same key is already waiting (it counts once, its cold-build wish kept). */
  add(item: T, options: { key?: string; clearCache?: boolean } = {}): boolean {
    if (this.#stopped) return false;
    const twin = options.key === undefined ? undefined : this.#pending.get(options.key);
    const now = this.#o.timers.now();
    if (this.#pending.size === 0) this.#firstAt = now;
    this.#lastAt = now;
    this.#clearCache ||= options.clearCache === true;
    if (twin === undefined) this.#put({ item, key: options.key });
    this.#arm();
    this.#o.onChange?.();
    return twin === undefined;
  }

  /** The waiting item filed under `key`, or the one that folded it in past the bound. */
  waiting(key: string): T | undefined {
    return (this.#pending.get(key) ?? this.#pending.get(COLLAPSED))?.item;
  }

  #put(entry: Pending<T>): void {
    const bound = this.#o.bound;
    const collapsed = this.#pending.get(COLLAPSED);
    if (bound && (collapsed || this.#pending.size >= bound.limit)) {
      const items = collapsed ? [collapsed.item, entry.item] : [...this.pending, entry.item];
      if (!collapsed) this.#pending.clear();
      this.#pending.set(COLLAPSED, { item: bound.collapse(items), key: COLLAPSED });
      return;
    }
    this.#pending.set(entry.key ?? `\u0000${++this.#unkeyed}`, entry);
  }

  /** Cancels the wait and aborts a running build; resolves once it has stopped. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#disarm();
    this.#running?.abort.abort(new Error('the publisher is shutting down'));
    await this.#running?.done;
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#fireAt = undefined;
  }

  #arm(): void {
    this.#disarm();
    if (this.#running || this.#stopped || this.#pending.size === 0) return;
    const quiet = Math.min(this.#lastAt + this.#o.debounceMs, this.#firstAt + this.#o.maxWaitMs);
    const at = Math.max(quiet, this.#notBefore);
    this.#fireAt = at;
    this.#timer = this.#o.timers.setTimeout(() => this.#start(), Math.max(0, at - this.#o.timers.now()));
  }

  #start(): void {
    this.#disarm();
    const pending = [...this.#pending.values()];
    const batch: Batch<T> = { items: pending.map((p) => p.item), clearCache: this.#clearCache, attempt: this.#attempt };
    this.#pending = new Map();
    this.#clearCache = false;
    this.#notBefore = 0;
    const abort = new AbortController();
    const done = this.#o
      .run(batch, abort.signal)
      .catch(() => false)
      .then((ok) => this.#finish(pending, batch, ok));
    this.#running = { items: batch.items, abort, done };
    this.#o.onChange?.();
  }

  #finish(ran: Pending<T>[], batch: Batch<T>, ok: boolean): void {
    this.#running = undefined;
    const delay = this.#o.retryDelaysMs[batch.attempt - 1];
    if (!ok && !this.#stopped && delay !== undefined) {
      // The failed items go first, so the retry carries them; events that came meanwhile join it.
      const now = this.#o.timers.now();
      const arrived = [...this.#pending.values()];
      if (arrived.length === 0) this.#firstAt = this.#lastAt = now;
      this.#pending = new Map();
      for (const entry of [...ran, ...arrived]) {
        if (entry.key === undefined || entry.key === COLLAPSED || !this.#pending.has(entry.key)) this.#put(entry);
      }
      this.#clearCache ||= batch.clearCache;
      this.#attempt = batch.attempt + 1;
      this.#notBefore = now + delay;
    } else {
      this.#attempt = 1;
    }
    this.#arm();
    this.#o.onChange?.();
  }
}
