import type { Core } from '@strapi/strapi';
import { PREVIEW_TOKEN_NAME } from '../bootstrap/ensure-preview-token';
import { QUESTION_TOKEN_NAME } from '../bootstrap/ensure-question-token';

/** Who a Document Service call runs for, from the request it runs in. */
export type Caller =
  /** No request: the seed, the scheduler, scripts, Strapi's own bootstrap. */
  | { kind: 'internal' }
  /** A signed-in admin user on an admin route, with their roles' codes (strapi-editor…). */
  | { kind: 'admin'; roles: string[] }
  /** Anything else that reached a route: the Content API, whatever the path, method or token. */
  /** `questionToken`: the engagement service's token, which may create citizens' questions only. */
  | { kind: 'content-api'; preview: boolean; fullAccess: boolean; questionToken: boolean };

interface RequestState {
  route?: { info?: { type?: string } };
  auth?: { credentials?: { name?: unknown; type?: unknown; kind?: unknown } };
  user?: { roles?: Array<{ code?: unknown }> };
}

export function currentCaller(strapi: Core.Strapi): Caller {
  const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
  if (!ctx) return { kind: 'internal' };
  const state = ctx.state ?? {};
  if (state.route?.info?.type === 'admin' && state.user) {
    return { kind: 'admin', roles: (state.user.roles ?? []).map((role) => String(role.code)) };
  }
  // Only an API token carries these credentials; Strapi keeps token names unique.
  const token = state.auth?.credentials;
  const isToken = token !== undefined && (token.kind === 'content-api' || token.kind === null || token.kind === undefined) && typeof token.type === 'string';
  return {
    kind: 'content-api',
    preview: isToken && token.name === PREVIEW_TOKEN_NAME,
    fullAccess: isToken && token.type === 'full-access',
    questionToken: isToken && token.type === 'custom' && token.name === QUESTION_TOKEN_NAME,
  };
}
