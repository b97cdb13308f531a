import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import { freePort } from '../../../../scripts/lib/free-port.js';

export const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));

export interface RunningNginx {
  port: number;
  stop(): void;
}

/**
 * Debian's nginx on loopback, in the foreground, with `site` (a rendered nginx.conf.template
 * for `127.0.0.1:<port>`) inside a minimal http block; everything it writes stays in `dir`.
 */
export async function runNginx(dir: string, site: (port: number) => string): Promise<RunningNginx> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    [
      'user root;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      'events {}',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      site(port),
      '}',
    ].join('\n'),
  );
  execFileSync(nginxBinary!, ['-t', '-q', '-p', dir, '-c', conf]);
  const child = spawn(nginxBinary!, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/', method: 'HEAD' }, (res) => (res.resume(), resolve(true)));
      req.on('error', () => resolve(false));
      req.end();
    });
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, stop: () => child.kill('SIGQUIT') };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Another loopback address (127.0.0.2…) to come from: another client, for nginx. */
  localAddress?: string;
  tls?: boolean;
}

/** A request through nginx with a Host header, as a browser on that name would send it. */
export function nginxRequest(port: number, host: string, pathname: string, options: RequestOptions = {}): Promise<Answer> {
  const request = options.tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: { Host: host, ...options.headers },
        localAddress: options.localAddress,
        agent: false,
        ...(options.tls ? { servername: host, rejectUnauthorized: false } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
