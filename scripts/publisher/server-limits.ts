import type { Server } from 'node:http';
import { z } from 'zod';
import { readEnvironment } from './config.js';

/** How long and how many: what keeps slow or idle clients from holding the publisher's sockets. */
export interface ServerLimits {
  /** The request line and headers must arrive within this (slow-loris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic either way (a download nobody reads) is closed after this. */
  socketTimeoutMs: number;
  /** Connections beyond this are closed as they arrive. */
  maxConnections: number;
}

const ms = z.coerce.number().int().min(1);
const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

const limitsSchema = z
  .object({
    HEADERS_TIMEOUT_MS: z.preprocess(blankIsUnset, ms.default(10_000)),
    REQUEST_TIMEOUT_MS: z.preprocess(blankIsUnset, ms.default(30_000)),
    KEEP_ALIVE_TIMEOUT_MS: z.preprocess(blankIsUnset, ms.default(5_000)),
    SOCKET_TIMEOUT_MS: z.preprocess(blankIsUnset, ms.default(60_000)),
    MAX_CONNECTIONS: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).default(1024)),
  })
  .refine((e) => e.HEADERS_TIMEOUT_MS <= e.REQUEST_TIMEOUT_MS, { message: 'HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS', path: ['HEADERS_TIMEOUT_MS'] });

export interface PublisherServerLimits {
  /** The public site: the most connections. */
  public: ServerLimits;
  /** Hooks, status and the preview: editors and the CMS, a few at a time. */
  internal: ServerLimits;
}

/** The limits from the environment (or .env); every setting is optional. */
export function serverLimitsFromEnv(env = readEnvironment()): PublisherServerLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Publisher server limits are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const base = {
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    socketTimeoutMs: e.SOCKET_TIMEOUT_MS,
  };
  return {
    public: { ...base, maxConnections: e.MAX_CONNECTIONS },
    internal: { ...base, maxConnections: Math.min(128, e.MAX_CONNECTIONS) },
  };
}

/** Applies the limits to a server; call before listen(), which starts the timeout checks. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Node looks for overdue headers and requests at this interval (30 s by default), read
  // when the server starts listening; a shorter timeout needs a shorter look.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(250, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2)));
  server.setTimeout(limits.socketTimeoutMs, (socket) => socket.destroy());
}
