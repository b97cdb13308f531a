import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { REDIRECTS_FILE } from '../../site/src/lib/redirect-rules.js';
import type { BuildRecord } from './build-record.js';
import { runDeployCommand } from './deploy-command.js';
import { timedStep } from './build-step.js';
import { writeNginxRedirects } from '../production/nginx-redirects.js';
import { faultPoint } from './fault-point.js';
import { precompress } from './precompress.js';
import type { ReleaseStore } from './release-store.js';
import type { Batch } from './scheduler.js';
import { recordedTriggers, type Trigger } from './trigger.js';

export interface BuildContext {
  /** Aborted on timeout or shutdown; the build must stop (and kill what it spawned). */
  signal: AbortSignal;
  /** The release's log file. */
  log: Writable;
  /** A cold build was asked for (`?clear_cache=1`). */
  clearCache: boolean;
  /** Why this build runs. */
  triggers: Trigger[];
  /** 1, or 2+ when retrying a failed build of the same events. */
  attempt: number;
  /** The release the public sees now, if any. */
  live: { id: string; dir: string } | undefined;
  /** Every release on disk. */
  releases: string[];
}

/** What kind of build ran and why (incremental builds also say how many pages they rendered). */
export interface BuildOutcome {
  kind: 'full' | 'incremental';
  reason: string;
  pagesRendered?: number;
}

/**
 * What a build hands on besides its outcome: with `written`, only those files (relative to
 * the release) still need their compressed variants; every other file has them (the live
 * release's, hard-linked with it, or written by the build itself) and is not looked at again.
 */
export interface BuildResult extends BuildOutcome {
  written?: readonly string[];
}

/**
 * Writes a complete site into `releaseDir`; the real one is `createSiteBuilder`, tests pass
 * small fakes. `prepare` is told of every release that goes live, and may get the next build
 * ready while the publisher is idle; `close` ends what it keeps running from one build to the next.
 */
export type BuildFunction = ((releaseDir: string, context: BuildContext) => Promise<BuildResult | void>) & {
  prepare?(live: { id: string; dir: string }): Promise<void>;
  close?(): Promise<void>;
};
/**
 * Throws when the site in `releaseDir` must not go live; the real one is `checkRelease`. It
 * starts with the build, so what it needs from elsewhere (the CMS's list of articles) is
 * fetched meanwhile; it looks at the release once `built` resolves.
 */
export type CheckFunction = (releaseDir: string, built: Promise<void>) => Promise<void>;

export interface PipelineOptions {
  store: ReleaseStore;
  build: BuildFunction;
  check: CheckFunction;
  buildTimeoutMs: number;
  keepReleases: number;
  deployCommand: string | undefined;
}

/** A signal that aborts with a readable reason after `ms`, or when `outer` aborts. */
function deadline(outer: AbortSignal, ms: number, what: string): { signal: AbortSignal; clear(): void } {
  const timer = new AbortController();
  const after = ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  const handle = setTimeout(() => timer.abort(new Error(`${what} timed out after ${after}`)), ms);
  return { signal: AbortSignal.any([outer, timer.signal]), clear: () => clearTimeout(handle) };
}

/**
 * One build attempt, all or nothing for the public: build into staging, precompress,
 * check, move into releases/, swap `current`, prune, then the optional deploy command.
 * Any failure before the swap leaves `current` as it was and keeps the log.
 */
export async function publishRelease(id: string, batch: Batch<Trigger>, options: PipelineOptions, signal: AbortSignal): Promise<BuildRecord> {
  const { store } = options;
  const started = new Date();
  const staging = path.join(store.stagingDir, id);
  const release = store.releaseDir(id);
  const logStream = createWriteStream(store.logFile(id));
  // A log that cannot be written (disk full, directory removed) must not take the publisher down.
  logStream.on('error', () => {});
  const note = (line: string) => logStream.write(`${new Date().toISOString()} ${line}\n`);
  const record = (fields: Pick<BuildRecord, 'ok' | 'error'> & Partial<BuildRecord>): BuildRecord => ({
    id,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    ...recordedTriggers(batch.items),
    attempt: batch.attempt,
    clearCache: batch.clearCache,
    log: path.relative(store.root, store.logFile(id)),
    ...fields,
  });

  note(`build ${id}, attempt ${batch.attempt}, triggers: ${batch.items.map((t) => [t.source, t.event, t.documentId, t.merged && `(${t.merged} events)`].filter(Boolean).join(' ')).join('; ')}`);
  let result: BuildRecord;
  try {
    const limit = deadline(signal, options.buildTimeoutMs, 'the build');
    const live = await store.current();
    let outcome: BuildResult | void;
    let built!: { resolve(): void; reject(error: unknown): void };
    const checking = options.check(staging, new Promise<void>((resolve, reject) => (built = { resolve, reject })));
    // Awaited below, whatever the build does; until then its failure is not unhandled.
    checking.catch(() => {});
    try {
      outcome = await options.build(staging, {
        signal: limit.signal,
        log: logStream,
        clearCache: batch.clearCache,
        triggers: batch.items,
        attempt: batch.attempt,
        live: live ? { id: live.id, dir: store.releaseDir(live.id) } : undefined,
        releases: await store.list(),
      });
      // A build that ignored the abort must not go live either.
      if (limit.signal.aborted) throw limit.signal.reason;
      // nginx answers the release's redirects from a file of its own, made from the site's.
      if (existsSync(path.join(staging, REDIRECTS_FILE))) {
        const nginx = await writeNginxRedirects(staging);
        if (nginx.refused.length > 0) note(`nginx-redirects.conf: left to the publisher's server (unsafe for nginx): ${nginx.refused.join(', ')}`);
      }
    } catch (error) {
      // The check settles before staging is removed, and its own failure is not the news.
      built.reject(error);
      await checking.catch(() => {});
      throw error;
    } finally {
      limit.clear();
    }
    built.resolve();
    // The check only looks for pages; the variants are written beside them meanwhile. Both
    // settle before a failure is thrown, so nothing still writes into staging as it is removed.
    const [compressed, checked] = await timedStep(logStream, 'compress and check', () =>
      Promise.allSettled([precompress(staging, live ? store.releaseDir(live.id) : undefined, outcome?.written), checking]),
    );
    if (checked.status === 'rejected') throw checked.reason;
    if (compressed.status === 'rejected') throw compressed.reason;
    const variants = compressed.value;
    note(`built; ${variants} precompressed variants${outcome?.written ? ` for ${outcome.written.length} files left to compress` : ''}; release check passed`);
    await rename(staging, release);
    await faultPoint('before-swap');
    await store.swap(id);
    note(`live: current → releases/${id}`);
    const build = outcome && { kind: outcome.kind, reason: outcome.reason, ...(outcome.pagesRendered !== undefined ? { pagesRendered: outcome.pagesRendered } : {}) };
    result = record({ ok: true, error: null, ...(build ? { build } : {}) });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    note(`FAILED: ${(error as Error).stack ?? String(error)}`);
    result = record({ ok: false, error: (error as Error).message ?? String(error) });
  }

  if (result.ok) {
    // The release is live whatever happens here: a pruning error is only worth a note.
    try {
      const pruned = await store.prune(options.keepReleases);
      if (pruned.length > 0) note(`pruned ${pruned.join(', ')}`);
    } catch (error) {
      note(`pruning failed: ${(error as Error).message}`);
    }
  }
  if (result.ok && options.deployCommand) {
    note('DEPLOY_COMMAND');
    const limit = deadline(signal, options.buildTimeoutMs, 'DEPLOY_COMMAND');
    const deploy = await runDeployCommand(options.deployCommand, release, { output: logStream, signal: limit.signal });
    limit.clear();
    note(deploy.ok ? 'DEPLOY_COMMAND succeeded' : `DEPLOY_COMMAND failed: ${deploy.error}`);
    result = { ...result, deploy, durationMs: Date.now() - started.getTime() };
  }
  await new Promise<void>((resolve) => logStream.end(resolve));
  return result;
}
