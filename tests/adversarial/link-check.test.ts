import { execFile } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { linkReportSchema } from '../../scripts/publisher/link-check/link-report.js';
import { probeUrl, type ProbeOptions } from '../../scripts/publisher/link-check/safe-request.js';
import { repoRoot } from '../../scripts/lib/paths.js';

const run = promisify(execFile);

function listen(handler: (request: IncomingMessage, response: ServerResponse) => void, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, host, () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

/**
 * The link check turned against this machine (issue 20 §4): links an editor (or whoever holds an
 * editor's account) writes into content that point at loopback, private, link-local and
 * metadata addresses, directly, by name, or through an outside-looking server's redirect. The
 * check runs as the publisher runs it, in its own process against a CMS's REST answers; the
 * private server counts every connection, and must count none. An external server that never
 * answers ends in a timeout, one with an endless body is read no further than the cap.
 */
describe('the link check under attack', () => {
  let privateServer: Server;
  let privatePort: number;
  let privateConnections = 0;
  let outside: Server;
  let outsidePort: number;
  let cms: Server;
  let cmsPort: number;
  let publisherDir: string;
  let hostName: string;
  let body = '';
  const hanging = new Set<ServerResponse>();

  beforeAll(async () => {
    // Every interface, both families: 127.0.0.1, ::1 and this machine's own addresses all reach it.
    ({ server: privateServer, port: privatePort } = await listen((_, response) => response.end('secret'), '::'));
    privateServer.on('connection', () => privateConnections++);
    ({ server: outside, port: outsidePort } = await listen((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/ok') return void response.end('ok');
      if (url.pathname === '/to-private') return void response.writeHead(302, { location: `http://127.0.0.1:${privatePort}/admin` }).end();
      if (url.pathname === '/to-metadata') return void response.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (url.pathname === '/to-name') return void response.writeHead(307, { location: `http://localhost:${privatePort}/` }).end();
      if (url.pathname === '/never') return void hanging.add(response);
      if (url.pathname === '/huge') {
        if (request.method === 'HEAD') return void response.writeHead(405).end();
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        return void pump();
      }
      response.writeHead(404).end();
    }, '127.0.0.1'));
    // The CMS's REST answers: one article carries the links, every other type is empty.
    ({ server: cms, port: cmsPort } = await listen((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const data = url.pathname === `/api/${CONTENT_TYPES.article.restPath}` ? [{ documentId: 'tan-cong', title: 'Bài tấn công', slug: 'bai-tan-cong', body }] : [];
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, meta: { pagination: { page: 1, pageCount: 1, total: data.length } } }));
    }, '127.0.0.1'));
    hostName = os.hostname();
  });

  beforeEach(() => {
    privateConnections = 0;
    publisherDir = mkdtempSync(path.join(os.tmpdir(), 'link-attack-'));
  });

  afterAll(async () => {
    for (const response of hanging) response.destroy();
    await Promise.all([privateServer, outside, cms].map((server) => new Promise((resolve) => (server?.closeAllConnections(), server?.close(resolve)))));
  });

  /** Runs the check's own process on one release (an empty folder) and returns its report. */
  async function check(links: string[], env: Record<string, string> = {}) {
    body = links.map((link, i) => `[liên kết ${i}](${link})`).join('\n\n');
    const releaseDir = mkdtempSync(path.join(publisherDir, 'release-'));
    try {
      await run(process.execPath, ['--import', 'tsx', 'scripts/publisher/link-check/main.ts', 'r1', releaseDir], {
        cwd: repoRoot,
        env: {
          ...process.env,
          STRAPI_URL: `http://127.0.0.1:${cmsPort}`,
          STRAPI_TOKEN: 'site-token',
          PUBLISHER_DIR: publisherDir,
          SITE_URL: 'https://phuong.example',
          LINK_CHECK_TIMEOUT_MS: '2000',
          LINK_CHECK_ALLOW_PRIVATE: `127.0.0.1:${outsidePort}`,
          ...env,
        },
      });
      return linkReportSchema.parse(JSON.parse(readFileSync(path.join(publisherDir, 'link-report.json'), 'utf8')));
    } finally {
      rmSync(publisherDir, { recursive: true, force: true });
    }
  }

  it('this machine\'s host name resolves to an address the check must refuse (else the "by name" case proves nothing)', async () => {
    const { address } = await lookup(hostName);
    expect(ipaddr.process(address).range()).not.toBe('unicast');
  });

  it('never connects to loopback, link-local, metadata or private addresses, whatever the spelling, and reports them as broken', async () => {
    const attacks = [
      `http://127.0.0.1:${privatePort}/admin`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${privatePort}/`,
      `http://[::ffff:127.0.0.1]:${privatePort}/`,
      `http://localhost:${privatePort}/`,
      `http://LOCALHOST:${privatePort}/`,
      `http://${hostName}:${privatePort}/`,
      `http://2130706433:${privatePort}/`,
      `http://0.0.0.0:${privatePort}/`,
      `http://127.0.0.1:${outsidePort}/to-private`,
      `http://127.0.0.1:${outsidePort}/to-metadata`,
      `http://127.0.0.1:${outsidePort}/to-name`,
    ];
    const report = await check([...attacks, `http://127.0.0.1:${outsidePort}/ok`]);
    expect(privateConnections).toBe(0);
    const broken = report.entries[0]!.broken;
    expect(broken.map((link) => link.url).sort()).toEqual([...attacks].sort());
    for (const link of broken) expect(link.reason).toBe('Địa chỉ nội bộ: người đọc không mở được');
    // Each address is asked once, however many spellings of it the body has (localhost, LOCALHOST).
    const distinct = new Set([...attacks, `http://127.0.0.1:${outsidePort}/ok`].map((link) => new URL(link).href));
    expect(report.counts.externalChecked).toBe(distinct.size);
  });

  it('does not let the test switch name a server the check may then reach some other way', async () => {
    // The switch allows exactly host:port; the private server's port is not in it.
    const report = await check([`http://127.0.0.1:${privatePort}/`], { LINK_CHECK_ALLOW_PRIVATE: `127.0.0.1:${outsidePort},localhost:${outsidePort}` });
    expect(privateConnections).toBe(0);
    expect(report.counts.broken).toBe(1);
  });

  it('asks at most LINK_CHECK_EXTERNAL_BUDGET new links a release', async () => {
    const links = Array.from({ length: 5 }, (_, i) => `http://127.0.0.1:${privatePort}/${i}`);
    const report = await check(links, { LINK_CHECK_EXTERNAL_BUDGET: '2' });
    expect(report.counts).toMatchObject({ externalChecked: 2, externalDeferred: 3, broken: 2 });
    expect(privateConnections).toBe(0);
  });

  const options = (overrides: Partial<ProbeOptions> = {}): ProbeOptions => ({
    timeoutMs: 10_000,
    maxBytes: 64 * 1024,
    maxRedirects: 5,
    allowPrivate: new Set([`127.0.0.1:${outsidePort}`]),
    ...overrides,
  });

  it('gives up on a server that never answers', async () => {
    expect(await probeUrl(`http://127.0.0.1:${outsidePort}/never`, options({ timeoutMs: 300 }))).toEqual({ error: 'timeout' });
  });

  it('reads an endless body no further than the cap (GET after a 405 to HEAD), then hangs up', async () => {
    // The deadline is long: an answer means the cap ended the read, not the clock.
    expect(await probeUrl(`http://127.0.0.1:${outsidePort}/huge`, options({ timeoutMs: 60_000 }))).toEqual({ status: 200 });
  });
});
