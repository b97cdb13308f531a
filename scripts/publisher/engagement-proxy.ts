import { Agent, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';

export { ENGAGEMENT_PREFIX } from '../../cms/src/content-model/engagement-paths.js';

// Kept-alive sockets, so a beacon does not pay for a TCP handshake to the service on the same machine.
const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * /tuong-tac/… passed to the engagement service, so the site and its beacons, ratings and
 * questions share one origin, as nginx does in production. The caller's address goes in
 * X-Forwarded-For (replacing whatever the caller wrote: this server is the edge); the Host
 * is kept, so the service's same-origin check sees the site's.
 */
export function proxyToEngagement(target: URL, request: IncomingMessage, response: ServerResponse, onError: (error: Error) => void): void {
  // Connection is hop-by-hop: the agent, not the visitor, decides whether the upstream socket stays open.
  const { connection: _hopByHop, ...passed } = request.headers;
  const headers = { ...passed, 'x-forwarded-for': request.socket.remoteAddress ?? '' };
  const upstream = forward(
    { agent: upstreamAgent, host: target.hostname, port: target.port, method: request.method, path: request.url, headers, timeout: 15_000 },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
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
  request.pipe(upstream);
}
