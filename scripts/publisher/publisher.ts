import type { BuildRecord } from './build-record.js';
import { lockDirectory, type DirectoryLock } from './directory-lock.js';
import { consoleLog, type Log } from './log.js';
import { PublisherAuditLog } from './publisher-audit-log.js';
import { newReleaseId } from './release-id.js';
import { publishRelease, type BuildFunction, type CheckFunction } from './release-pipeline.js';
import { ReleaseStore } from './release-store.js';
import { BuildScheduler, realTimers, type SchedulerState, type Timers } from './scheduler.js';
import { historyLimit, StateStore } from './state-store.js';
import { collapseTriggers, PENDING_LIMIT, triggerKey, type Trigger } from './trigger.js';

export interface PublisherOptions {
  publisherDir: string;
  build: BuildFunction;
  check: CheckFunction;
  debounceMs: number;
  maxWaitMs: number;
  buildTimeoutMs: number;
  keepReleases: number;
  deployCommand?: string | undefined;
  retryDelaysMs?: number[];
  timers?: Timers;
  log?: Log;
  /** Told of each release once it is live (the link check); must not throw, and is not awaited. */
  afterLive?: (release: { id: string; dir: string }) => void;
}

export interface PublisherStatus {
  state: SchedulerState;
  /** The live release id. */
  current: string | null;
  currentSince: string | null;
  building: { id: string; startedAt: string; trigger: Trigger[] } | null;
  /** Events waiting for the next build. */
  pending: Trigger[];
  nextBuildAt: string | null;
  /** Above 1 when the waiting build is a retry of a failed one. */
  nextAttempt: number;
  lastBuild: BuildRecord | null;
  /** Newest first. */
  history: BuildRecord[];
  /** Releases on disk, oldest first: what `npm run rollback` can go back to. */
  releases: string[];
  /** The next build's head start (a linked copy of the live release) is still being made. */
  preparing: boolean;
}

/** 5 s, 30 s, 2 min: rides out a CMS restart without hammering a CMS that is down. */
const defaultRetryDelaysMs = [5_000, 30_000, 120_000];

const summarize = (triggers: Trigger[]) =>
  triggers
    .slice(0, 10)
    .map((t) => [t.source, t.event, t.uid?.replace(/^api::[^.]+\./, ''), t.documentId, t.merged && `(${t.merged} events)`].filter(Boolean).join(' '))
    .join(', ') + (triggers.length > 10 ? ` and ${triggers.length - 10} more` : '');

/** The publisher's core: events in, one build at a time, releases and history out. */
export class Publisher {
  readonly store: ReleaseStore;
  /** Releases, failed builds and deploy-hook calls, for `npm run audit`. */
  readonly audit: PublisherAuditLog;
  readonly #state: StateStore;
  readonly #scheduler: BuildScheduler<Trigger>;
  readonly #log: Log;
  readonly #build: BuildFunction;
  #history: BuildRecord[] = [];
  #building: { id: string; startedAt: string } | undefined;
  #stopping = false;
  #preparing: Promise<void> | undefined;
  #lock: DirectoryLock | undefined;
  /** The newest state write asked for. */
  #saved: Promise<void> = Promise.resolve();

  constructor(options: PublisherOptions) {
    this.store = new ReleaseStore(options.publisherDir);
    this.audit = new PublisherAuditLog(options.publisherDir);
    this.#state = new StateStore(this.store.stateFile);
    this.#log = options.log ?? consoleLog;
    this.#build = options.build;
    const pipeline = {
      store: this.store,
      build: options.build,
      check: options.check,
      buildTimeoutMs: options.buildTimeoutMs,
      keepReleases: options.keepReleases,
      deployCommand: options.deployCommand,
    };
    this.#scheduler = new BuildScheduler<Trigger>({
      debounceMs: options.debounceMs,
      maxWaitMs: options.maxWaitMs,
      retryDelaysMs: options.retryDelaysMs ?? defaultRetryDelaysMs,
      timers: options.timers ?? realTimers,
      bound: { limit: PENDING_LIMIT, collapse: collapseTriggers },
      onChange: () => this.#persist(),
      run: async (batch, signal) => {
        const id = newReleaseId();
        this.#building = { id, startedAt: new Date().toISOString() };
        this.#log(`build ${id} started${batch.attempt > 1 ? ` (retry ${batch.attempt - 1})` : ''}: ${summarize(batch.items)}`);
        let record: BuildRecord;
        try {
          record = await publishRelease(id, batch, pipeline, signal);
        } finally {
          this.#building = undefined;
        }
        this.#history = [record, ...this.#history].slice(0, historyLimit);
        this.#log(
          record.ok
            ? `build ${id} live in ${(record.durationMs / 1000).toFixed(1)} s${record.deploy && !record.deploy.ok ? `; DEPLOY_COMMAND failed: ${record.deploy.error}` : ''}`
            : `build ${id} failed: ${record.error} (log: ${record.log})`,
        );
        await this.#recordBuild(record);
        if (record.ok) {
          this.#prepare(id);
          options.afterLive?.({ id, dir: this.store.releaseDir(id) });
        }
        return record.ok;
      },
    });
  }

  /**
   * Locks PUBLISHER_DIR (DirectoryLockedError when another publisher has it: nothing is
   * touched), prepares it, reloads the history and requeues events a crash or stop left unbuilt.
   */
  async start(): Promise<void> {
    this.#lock = await lockDirectory(this.store.root);
    await this.store.ensureLayout();
    await this.store.removeLeftovers();
    const saved = await this.#state.load((reason) => this.#log(`state.json unreadable (${reason}); starting with an empty history`));
    this.#history = saved.history;
    const unbuilt = [...saved.building, ...saved.pending];
    if (unbuilt.length > 0) {
      this.#log(`requeued ${unbuilt.length} event(s) not built before the restart`);
      for (const trigger of unbuilt) this.#scheduler.add(trigger, { key: trigger.merged ? undefined : triggerKey(trigger) });
    }
    const current = await this.store.current();
    if (current) this.#prepare(current.id);
  }

  /**
   * Queues an event under what it means (`triggerKey`); `queued` is false when a twin of it
   * already waits, and `trigger` is the waiting one that carries it (its twin, or the merged
   * trigger past PENDING_LIMIT), which is what a caller follows. `saved` resolves once
   * state.json holds it (a failed write is logged, the event stays queued in memory): a
   * webhook answered after it is not lost to a crash.
   */
  enqueue(trigger: Trigger, options: { key?: string; clearCache?: boolean } = {}): { queued: boolean; trigger: Trigger; saved: Promise<void> } {
    const key = options.key ?? triggerKey(trigger);
    const queued = this.#scheduler.add(trigger, { ...options, key });
    return { queued, trigger: this.#scheduler.waiting(key) ?? trigger, saved: this.#saved };
  }

  async status(): Promise<PublisherStatus> {
    const [current, releases] = await Promise.all([this.store.current(), this.store.list()]);
    const next = this.#scheduler.nextRunAt;
    return {
      state: this.#scheduler.state,
      current: current?.id ?? null,
      currentSince: current?.since.toISOString() ?? null,
      building: this.#building ? { ...this.#building, trigger: this.#scheduler.building } : null,
      pending: this.#scheduler.pending,
      nextBuildAt: next === undefined ? null : new Date(next).toISOString(),
      nextAttempt: this.#scheduler.nextAttempt,
      lastBuild: this.#history[0] ?? null,
      history: this.#history,
      releases,
      preparing: this.#preparing !== undefined,
    };
  }

  /** Kills a running build (its events are kept for the next start) and writes the state. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const unbuilt = [...this.#scheduler.building, ...this.#scheduler.pending];
    await this.#scheduler.stop();
    await this.#build.close?.();
    await this.#state.save({ history: this.#history, pending: unbuilt, building: [] });
    await this.store.settled();
    await this.#lock?.release();
    this.#lock = undefined;
  }

  /** A failure to record is logged: the release is live either way. */
  async #recordBuild(record: BuildRecord): Promise<void> {
    const triggers = record.trigger.map(({ source, event, uid, documentId, merged }) => ({ source, event, uid, documentId, merged }));
    await this.audit
      .append({
        actor: 'publisher',
        actorKind: 'publisher',
        action: record.ok ? 'publisher.release' : 'publisher.build-failed',
        subjectType: 'release',
        subjectId: record.id,
        clientAddress: null,
        detail: {
          build: record.build ?? null,
          attempt: record.attempt,
          durationMs: Math.round(record.durationMs),
          triggerCount: record.triggerCount ?? triggers.length,
          triggers,
          ...(record.ok ? {} : { error: record.error }),
          ...(record.deploy ? { deployCommand: record.deploy } : {}),
        },
      })
      .catch((error: Error) => this.#log(`could not write the audit log: ${error.message}`));
  }

  /** Lets the build get ready for the next release while the publisher is idle. */
  #prepare(liveId: string): void {
    if (!this.#build.prepare) return;
    const preparing = this.#build
      .prepare({ id: liveId, dir: this.store.releaseDir(liveId) })
      .catch((error: Error) => this.#log(`could not prepare the next build: ${error.message}`))
      .finally(() => {
        if (this.#preparing === preparing) this.#preparing = undefined;
      });
    this.#preparing = preparing;
  }

  #persist(): void {
    if (this.#stopping) return;
    // A snapshot taken when the write starts: a burst of events between two writes costs one.
    this.#saved = this.#state
      .save(() => ({ history: this.#history, pending: this.#scheduler.pending, building: this.#scheduler.building }))
      .catch((error: Error) => this.#log(`could not write ${this.store.stateFile}: ${error.message}`));
  }
}
