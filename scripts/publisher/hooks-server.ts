import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { hasBearer, sameSecret } from './bearer-auth.js';
import { clientAddress } from './client-address.js';
import { deployToken } from './deploy-token.js';
import { redactUrl, type Log } from './log.js';
import type { Publisher } from './publisher.js';
import { BodyTooLargeError, readBody } from './request-body.js';
import { mayReadDetail, publicStatus } from './status-detail.js';
import { renderStatusPage } from './status-page.js';
import { publicLinkReport, readLinkReport } from './link-check/link-report.js';
import { decideStrapiEvent, strapiEventSchema } from './strapi-event.js';
import { newTrigger } from './trigger.js';

export interface HooksServerOptions {
  publisher: Publisher;
  secret: string;
  log: Log;
  /** Largest webhook body; Strapi's entries are far smaller. */
  bodyLimit?: number;
}

const oneMiB = 1024 * 1024;

const deployQuerySchema = z.object({
  clear_cache: z.enum(['0', '1', 'true', 'false']).optional(),
  source: z.enum(['deploy', 'cli']).optional(),
});

function send(response: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

const json = (response: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) =>
  send(response, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);

const unauthorized = (response: ServerResponse) =>
  json(response, 401, { queued: false, reason: 'missing or wrong credentials' }, { 'WWW-Authenticate': 'Bearer' });

/** Reads the body within the limit; answers 413 itself and returns undefined when it is too large. */
async function boundedBody(request: IncomingMessage, response: ServerResponse, limit: number): Promise<Buffer | undefined> {
  try {
    return await readBody(request, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    json(response, 413, { queued: false, reason: error.message }, { Connection: 'close' });
    return undefined;
  }
}

/**
 * The publisher's own endpoints (PUBLISHER_PORT): Strapi's webhook, deploy hooks, the
 * status as JSON and as a page for editors.
 */
export function createHooksServer(options: HooksServerOptions): Server {
  const { publisher, secret, log } = options;
  const limit = options.bodyLimit ?? oneMiB;
  const token = Buffer.from(deployToken(secret));

  async function strapiHook(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hasBearer(request.headers.authorization, secret)) return unauthorized(response);
    const body = await boundedBody(request, response, limit);
    if (!body) return;
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      return json(response, 400, { queued: false, reason: 'the body is not JSON' });
    }
    const parsed = strapiEventSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return json(response, 400, { queued: false, reason: `not a Strapi event: ${issue?.path.join('.') || 'body'}: ${issue?.message}` });
    }
    const event = parsed.data;
    const decision = decideStrapiEvent(event);
    let reason = decision.reason;
    if (decision.queued) {
      const trigger = newTrigger({ source: 'strapi', event: event.event, uid: event.uid, documentId: decision.documentId });
      const { queued, saved } = publisher.enqueue(trigger, { key: decision.dedupeKey });
      if (!queued) reason += '; its twin is already queued, counted once';
      // Answered once state.json holds the event: a crash after the 202 does not lose it.
      await saved;
    }
    log(`webhook ${reason} → ${decision.queued ? 'queued' : 'ignored'}`);
    json(response, 202, { queued: decision.queued, reason });
  }

  async function deployHook(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const pathToken = url.pathname.slice('/hooks/deploy/'.length);
    const authorized = url.pathname.startsWith('/hooks/deploy/')
      ? sameSecret(Buffer.from(pathToken, 'utf8'), token)
      : hasBearer(request.headers.authorization, secret);
    if (!authorized) return unauthorized(response);
    const query = deployQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return json(response, 400, { queued: false, reason: 'use ?clear_cache=1 and/or ?source=cli' });
    if (!(await boundedBody(request, response, limit))) return;
    const clearCache = query.data.clear_cache === '1' || query.data.clear_cache === 'true';
    const source = query.data.source ?? 'deploy';
    // Requests merge: every waiting one asks for the same build. The answer names the trigger
    // that carries this call, so `npm run rebuild` follows the build that serves it.
    const { queued, trigger, saved } = publisher.enqueue(newTrigger({ source }), { clearCache });
    await saved;
    await publisher.audit
      .append({
        actor: source === 'cli' ? 'npm run rebuild' : 'deploy hook',
        actorKind: source === 'cli' ? 'script' : 'publisher',
        action: 'publisher.deploy-hook',
        subjectType: 'trigger',
        subjectId: trigger.id,
        clientAddress: clientAddress(request),
        detail: { clearCache, mergedWithWaiting: !queued, credential: url.pathname === '/hooks/deploy' ? 'bearer' : 'hook URL' },
      })
      .catch((error: Error) => log(`could not write the audit log: ${error.message}`));
    const reason = `${source === 'cli' ? 'npm run rebuild' : 'deploy hook'}${clearCache ? ' (cold build: content cache cleared)' : ''}${queued ? '' : '; merged with the request already waiting'}`;
    // A flood of calls is one line: the merged ones are not news.
    if (queued) log(`${reason} → queued`);
    json(response, 202, { queued: true, reason, clearCache, trigger });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://publisher.invalid');
    const method = request.method ?? 'GET';
    const only = (allowed: string[]) => {
      if (allowed.includes(method)) return true;
      json(response, 405, { error: `use ${allowed.join(' or ')}` }, { Allow: allowed.join(', ') });
      return false;
    };

    if (url.pathname === '/hooks/strapi') {
      if (only(['POST'])) await strapiHook(request, response);
    } else if (url.pathname === '/hooks/deploy' || url.pathname.startsWith('/hooks/deploy/')) {
      if (only(['POST'])) await deployHook(request, response, url);
    } else if (url.pathname === '/status') {
      if (!only(['GET', 'HEAD'])) return;
      const status = await publisher.status();
      // The deploy-hook URL is a credential: only a caller that holds the secret sees it.
      const admin = hasBearer(request.headers.authorization, secret) ? { deployHookPath: `/hooks/deploy/${token.toString()}` } : {};
      const links = await readLinkReport(publisher.store.root);
      const brokenLinks = links && { releaseId: links.releaseId, checkedAt: links.checkedAt, count: links.counts.broken };
      json(response, 200, { ...(mayReadDetail(request, secret) ? status : publicStatus(status)), brokenLinks, ...admin });
    } else if (url.pathname === '/') {
      if (!only(['GET', 'HEAD'])) return;
      const status = await publisher.status();
      const links = await readLinkReport(publisher.store.root);
      const detail = mayReadDetail(request, secret);
      send(response, 200, renderStatusPage(detail ? status : publicStatus(status), new Date(), links && (detail ? links : publicLinkReport(links))), 'text/html; charset=utf-8', {
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
      });
    } else {
      json(response, 404, { error: 'not found' });
    }
  }

  return createServer((request, response) => {
    route(request, response).catch((error: Error) => {
      log(`${request.method} ${redactUrl(request.url)}: ${error.message}`);
      if (!response.headersSent) json(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
}
