import { Agent, request as forward, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

export { ENGAGEMENT_PREFIX } from '../../cms/src/content-model/engagement-paths.js';

// Kept-alive sockets, so a beacon does not pay for a TCP handshake to the service on the same machine.
const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Headers of one hop, not of the message (RFC 9110 §7.6.1): each side's sockets are its own. The
 * names a Connection header lists are not removed as well: nginx, in production, does not either,
 * and a visitor must not choose which of its headers (Host, Origin) the service sees.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

/**
 * /tuong-tac/… passed to the engagement service, so the site and its beacons, ratings and
 * questions share one origin, as nginx does in production. The caller's address goes in
 * X-Forwarded-For (replacing whatever the caller wrote: this server is the edge); the Host
 * is kept, so the service's same-origin check sees the site's.
 */
export function proxyToEngagement(target: URL, request: IncomingMessage, response: ServerResponse, onError: (error: Error) => void): void {
  const headers: IncomingHttpHeaders = { ...endToEnd(request.headers), 'x-forwarded-for': request.socket.remoteAddress ?? '' };
  // The body is framed again upstream: by its length when the visitor gave one, else in chunks, whatever the method.
  if (request.headers['transfer-encoding']) headers['transfer-encoding'] = 'chunked';
  const upstream = forward(
    { agent: upstreamAgent, host: target.hostname, port: target.port, method: request.method, path: request.url, headers, timeout: 15_000 },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      // pipeline: a visitor gone mid-answer destroys the upstream answer too, so its socket is not reused half-read.
      pipeline(answer, response, () => {});
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error('the engagement service timed out')));
  upstream.on('error', (error) => {
    onError(error);
    if (!response.headersSent) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '30' });
      response.end('Dịch vụ tương tác tạm thời không hoạt động.');
    } else response.destroy();
  });
  // A visitor gone mid-body: the half-sent request is dropped with its upstream socket, never finished or reused.
  request.on('close', () => {
    if (!request.complete) upstream.destroy();
  });
  request.pipe(upstream);
}
