import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** What a link's server said, or why it could not be asked. */
export type ProbeResult = { status: number } | { error: 'private' | 'timeout' | 'dns' | 'connection' | 'too-many-redirects' | 'bad-url' };

export interface ProbeOptions {
  timeoutMs: number;
  /** Bytes of a body read at most (a GET's); the rest is never asked for. */
  maxBytes: number;
  maxRedirects: number;
  /**
   * `host:port` pairs a request may reach even on a private address: for tests only, which
   * run their "external" servers on loopback (LINK_CHECK_ALLOW_PRIVATE).
   */
  allowPrivate: ReadonlySet<string>;
}

const USER_AGENT = 'portal-link-check/1 (broken-link report of a public portal)';

function agentFor(url: URL, options: ProbeOptions): http.Agent {
  const allowPrivateIPAddress = options.allowPrivate.has(url.host);
  // A fresh agent per hop: the allowance of one host:port never carries over to a redirect's target.
  return url.protocol === 'https:' ? new RequestFilteringHttpsAgent({ allowPrivateIPAddress }) : new RequestFilteringHttpAgent({ allowPrivateIPAddress });
}

function classifyError(error: NodeJS.ErrnoException): ProbeResult {
  if (/is not allowed\. Because/.test(error.message)) return { error: 'private' };
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return { error: 'dns' };
  if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') return { error: 'timeout' };
  return { error: 'connection' };
}

/**
 * One request, no redirect followed: the address is looked up and checked by the agent
 * (loopback, private, link-local and metadata addresses refused before any connection, and
 * the checked address is the one connected to), the whole exchange has one deadline, and a
 * body is read up to `maxBytes` and dropped.
 */
function requestOnce(url: URL, method: 'HEAD' | 'GET', options: ProbeOptions): Promise<{ status: number; location: string | undefined } | ProbeResult> {
  return new Promise((resolve) => {
    const agent = agentFor(url, options);
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: { status: number; location: string | undefined } | ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      agent.destroy();
      resolve(result);
    };
    const request = client.request(url, { method, agent, headers: { 'user-agent': USER_AGENT, accept: '*/*' } }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= options.maxBytes) finish({ status, location });
      });
      response.on('end', () => finish({ status, location }));
      response.on('error', () => finish({ status, location }));
      // HEAD has no body; a GET's status is known already, the body only has to stop.
      if (method === 'HEAD') finish({ status, location });
    });
    const timer = setTimeout(() => finish({ error: 'timeout' }), options.timeoutMs);
    request.on('error', (error) => finish(classifyError(error)));
    request.end();
  });
}

/**
 * Whether an external link answers: HEAD, then GET when the server refuses HEAD (405, 501),
 * redirects followed by hand so each hop is checked like the first.
 */
export async function probeUrl(link: string, options: ProbeOptions): Promise<ProbeResult> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { error: 'bad-url' };
  }
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'bad-url' };
    let answer = await requestOnce(url, 'HEAD', options);
    if ('status' in answer && (answer.status === 405 || answer.status === 501)) answer = await requestOnce(url, 'GET', options);
    if (!('status' in answer)) return answer;
    const location = 'location' in answer ? answer.location : undefined;
    if (answer.status >= 300 && answer.status < 400 && location) {
      try {
        url = new URL(location, url);
      } catch {
        return { error: 'bad-url' };
      }
      continue;
    }
    return { status: answer.status };
  }
  return { error: 'too-many-redirects' };
}
