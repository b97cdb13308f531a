import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import type { ActorKind } from './audit-chain';

export interface Actor {
  kind: ActorKind;
  /** A person's name and email, a token's name, or the process's name. */
  name: string;
  clientAddress: string | null;
}

type ProcessKind = Extract<ActorKind, 'system' | 'scheduler' | 'seed' | 'script' | 'restore'>;
// One store for every copy of this module in the process: a script loads cms/src through tsx while Strapi runs cms/dist.
const STORE = Symbol.for('portal.audit.actor');
const processActor: AsyncLocalStorage<ProcessKind> = ((globalThis as Record<symbol, unknown>)[STORE] ??= new AsyncLocalStorage<ProcessKind>()) as AsyncLocalStorage<ProcessKind>;

/** Runs `work` as Strapi's start-up, the scheduler, the seed or a restore: what it writes is logged under that name when no request is behind it. */
export const runAs = <T>(kind: ProcessKind, work: () => Promise<T>): Promise<T> => processActor.run(kind, work);

interface RequestState {
  user?: { firstname?: string | null; lastname?: string | null; email?: string | null };
  auth?: { credentials?: { name?: unknown; accessKey?: unknown } };
}

/** An admin user as a line of the log: "Trần Thị B <b@example.gov.vn>". */
export function adminName(user: { firstname?: string | null; lastname?: string | null; email?: string | null }): string {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
  return name && user.email ? `${name} <${user.email}>` : name || user.email || '(không rõ)';
}

/**
 * Who is behind the write in progress, from Strapi's request context; the client address is
 * Koa's, which honours X-Forwarded-For only behind the proxy (STRAPI_PROXY).
 */
export function currentActor(strapi: Core.Strapi): Actor {
  const ctx = strapi.requestContext.get() as { state?: RequestState; request?: { ip?: string } } | undefined;
  // Without a request nor a label, it is Strapi itself (its start-up, its own jobs).
  if (!ctx) return { kind: processActor.getStore() ?? 'system', name: processActor.getStore() ?? 'system', clientAddress: null };
  const clientAddress = ctx.request?.ip ?? null;
  const state = ctx.state ?? {};
  if (state.user) return { kind: 'admin', name: adminName(state.user), clientAddress };
  const token = state.auth?.credentials;
  if (token && typeof token.name === 'string') return { kind: 'api-token', name: `API token "${token.name}"`, clientAddress };
  return { kind: 'anonymous', name: 'anonymous', clientAddress };
}
