import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { BuildRecord } from './build-record.js';
import { hasBearer } from './bearer-auth.js';
import type { PublisherStatus } from './publisher.js';
import type { Trigger } from './trigger.js';

/** What a failed build says to someone who may not read its error. */
export const HIDDEN_ERROR = 'chi tiết lỗi chỉ xem được trên máy chủ';

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever its socket says. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function loopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * Who may read the status's detail (documentIds, events, error text, log paths, why a
 * build was full): a caller with the REBUILD_SECRET bearer, or a request made on this
 * machine straight to the publisher. A request through nginx comes from loopback too,
 * but carries X-Forwarded-For, so it counts as public.
 */
export function mayReadDetail(request: IncomingMessage, secret: string): boolean {
  if (hasBearer(request.headers.authorization, secret)) return true;
  if (FORWARDED.some((name) => request.headers[name] !== undefined)) return false;
  return loopback(request.socket.remoteAddress);
}

const publicTrigger = (trigger: Trigger): Trigger => ({ id: trigger.id, source: trigger.source, at: trigger.at });

function publicBuild(build: BuildRecord): BuildRecord {
  return {
    id: build.id,
    startedAt: build.startedAt,
    durationMs: build.durationMs,
    ok: build.ok,
    error: build.ok ? null : HIDDEN_ERROR,
    trigger: build.trigger.map(publicTrigger),
    attempt: build.attempt,
    clearCache: build.clearCache,
    log: '',
    ...(build.deploy ? { deploy: { ok: build.deploy.ok, error: build.deploy.ok ? null : HIDDEN_ERROR } } : {}),
    ...(build.build ? { build: { kind: build.build.kind, reason: '', ...(build.build.pagesRendered === undefined ? {} : { pagesRendered: build.build.pagesRendered }) } } : {}),
  };
}

/** The status anyone may read: states, ids and times, no content ids, no error text, no paths. */
export function publicStatus(status: PublisherStatus): PublisherStatus {
  // Field by field: whatever the status gains later stays private until it is added here.
  return {
    state: status.state,
    current: status.current,
    currentSince: status.currentSince,
    building: status.building ? { id: status.building.id, startedAt: status.building.startedAt, trigger: status.building.trigger.map(publicTrigger) } : null,
    pending: status.pending.map(publicTrigger),
    nextBuildAt: status.nextBuildAt,
    nextAttempt: status.nextAttempt,
    lastBuild: status.lastBuild ? publicBuild(status.lastBuild) : null,
    history: status.history.map(publicBuild),
    releases: status.releases,
    preparing: status.preparing,
  };
}
