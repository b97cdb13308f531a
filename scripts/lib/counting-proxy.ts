import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real reverse proxy in front of the CMS that counts what the site build asks for (tests, benchmarks). */
export async function countingProxy(target: string) {
  const upstream = new URL(target);
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(decodeURIComponent(req.url ?? ''));
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** API requests since the last reset, e.g. "/api/articles?…". */
    apiRequests: () => paths.filter((p) => p.startsWith('/api/')),
    reset: () => void paths.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
