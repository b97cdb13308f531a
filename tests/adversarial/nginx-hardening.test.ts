/**
 * Issue 17, item 7: the production nginx configuration under a burst of hooks, previews and
 * admin logins, its caching of the search index, Vary on precompressed files, and HSTS only
 * over TLS. Debian's nginx on loopback with the rendered template; upstreams are small HTTP
 * servers standing in for the CMS, publisher and preview (their own hardening has its own tests).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControl } from '../../scripts/publisher/cache-control.js';
import { renderNginxConf, type NginxSettings } from '../../scripts/production/render-nginx-conf.js';
import { nginxBinary, nginxRequest, runNginx, type RunningNginx } from '../int/production/support/nginx.js';

const HOSTS = { site: 'portal.test', cms: 'cms.portal.test', preview: 'xemtruoc.portal.test' };

/** The files of a release as the publisher writes them, the search index split in shards. */
const RELEASE_FILES = [
  '/index.html',
  '/tin-tuc/bai-viet/index.html',
  '/404.html',
  '/rss.xml',
  '/sitemap-index.xml',
  '/robots.txt',
  '/manifest.webmanifest',
  '/_astro/site.Bx7d1.css',
  '/_astro/site.Bx7d1.css.gz',
  '/anh/logo.png',
  '/pagefind/shards.json',
  '/pagefind/pagefind.js',
  '/pagefind/pagefind-ui.js',
  '/pagefind/pagefind-ui.css',
  '/pagefind/wasm.vi.pagefind',
  '/pagefind/2026-q4/pagefind-entry.json',
  '/pagefind/2026-q4/pagefind.vi_4f1c2a.pf_meta',
  '/pagefind/2026-q4/index/vi_9a8b7c.pf_index',
  '/pagefind/2026-q4/fragment/vi_1d2e3f.pf_fragment',
  '/pagefind/2025/pagefind-entry.json',
];

function writeRelease(root: string): void {
  const dir = path.join(root, 'releases', 'r1');
  for (const file of RELEASE_FILES) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const text = `${file} `.repeat(100);
    writeFileSync(path.join(dir, file), file.endsWith('.gz') ? gzipSync(text) : text);
  }
  symlinkSync(path.join('releases', 'r1'), path.join(root, 'current'));
}

function upstream(name: string): Promise<{ server: Server; address: string }> {
  const server = createServer((req, res) => {
    req.resume();
    res.end(`${name} ${req.url}`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, address: `127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** `count` requests at once, as a script hammering the name would send them; their statuses in order. */
async function burst(port: number, host: string, pathname: string, count: number, method = 'GET', localAddress?: string): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, () => nginxRequest(port, host, pathname, { method, localAddress, body: method === 'POST' ? '{"email":"a@b.vn","password":"x"}' : undefined })));
  return answers.map((answer) => answer.status);
}

describe.skipIf(!nginxBinary)('nginx hardening', () => {
  let root: string;
  const servers: Server[] = [];
  const nginxes: RunningNginx[] = [];
  let plain: RunningNginx;
  let tls: RunningNginx;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portal-adv-nginx-'));
    chmodSync(root, 0o755);
    writeRelease(root);
    const [cms, publisher, preview] = await Promise.all([upstream('cms'), upstream('publisher'), upstream('preview')]);
    servers.push(cms.server, publisher.server, preview.server);
    const settings = (port: number): NginxSettings => ({
      listen: `127.0.0.1:${port}`,
      siteHost: HOSTS.site,
      cmsHost: HOSTS.cms,
      previewHost: HOSTS.preview,
      releasesDir: root,
      cmsUpstream: cms.address,
      publisherUpstream: publisher.address,
      previewUpstream: preview.address,
      cmsOrigin: `https://${HOSTS.cms}`,
    });
    plain = await runNginx(path.join(root, 'plain'), (port) => renderNginxConf(settings(port)));
    nginxes.push(plain);
    // A self-signed certificate, as the office's own would be installed.
    const certificate = path.join(root, 'cert.pem');
    const key = path.join(root, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${HOSTS.site}`, '-keyout', key, '-out', certificate], { stdio: 'ignore' });
    tls = await runNginx(path.join(root, 'tls'), (port) => renderNginxConf({ ...settings(port), tls: { certificate, key } }));
    nginxes.push(tls);
  });

  afterAll(async () => {
    for (const running of nginxes) running.stop();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each(RELEASE_FILES.filter((file) => !file.endsWith('.gz')).map((file) => [file.replace(/index\.html$/, ''), file]))(
    '%s gets the Cache-Control the publisher’s own server gives it',
    async (url, file) => {
      const answer = await nginxRequest(plain.port, HOSTS.site, url!);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe(cacheControl(file!));
    },
  );

  it('never lets a browser keep a search shard’s entry or the shard list past a release', async () => {
    for (const url of ['/pagefind/shards.json', '/pagefind/2026-q4/pagefind-entry.json']) {
      expect((await nginxRequest(plain.port, HOSTS.site, url)).headers['cache-control']).toBe('no-cache');
    }
  });

  it.each([
    ['gzip', 'gzip'],
    ['identity', undefined],
  ])('sends Vary: Accept-Encoding with a precompressed file (Accept-Encoding: %s)', async (accept, encoding) => {
    const answer = await nginxRequest(plain.port, HOSTS.site, '/_astro/site.Bx7d1.css', { headers: { 'Accept-Encoding': accept } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(encoding);
    expect(answer.headers.vary).toMatch(/Accept-Encoding/);
  });

  it.each([
    ['a deploy hook', HOSTS.cms, '/hooks/deploy/khoa-bi-mat', 'GET', 50, 21],
    ['a draft preview', HOSTS.preview, '/ban-xem-truoc/tin-tuc/abc?status=draft', 'GET', 80, 41],
    ['the admin login', HOSTS.cms, '/admin/login', 'POST', 50, 6],
  ])('answers 429 to a burst on %s beyond its limit, after letting the first through', async (_name, host, pathname, method, count, burstSize) => {
    const statuses = await burst(plain.port, host, pathname, count, method);
    const passed = statuses.filter((status) => status === 200).length;
    const limited = statuses.filter((status) => status === 429).length;
    expect(passed + limited).toBe(count);
    // The burst passes; the rate refills a token or two while the requests arrive.
    expect(passed).toBeGreaterThanOrEqual(burstSize);
    expect(limited).toBeGreaterThan(0);
    // The public site and the rest of the CMS are not limited by it.
    expect((await nginxRequest(plain.port, HOSTS.site, '/')).status).toBe(200);
    expect((await nginxRequest(plain.port, HOSTS.cms, '/api/articles')).status).toBe(200);
  });

  it('limits the admin login per client: a locked-out address does not lock out another', async () => {
    const statuses = await burst(plain.port, HOSTS.cms, '/admin/forgot-password', 30, 'POST', '127.0.0.3');
    expect(statuses).toContain(429);
    // 127.0.0.4 is another client for nginx; its first attempt passes.
    const other = await nginxRequest(plain.port, HOSTS.cms, '/admin/forgot-password', { method: 'POST', localAddress: '127.0.0.4', body: '{}' });
    expect(other.status).toBe(200);
  });

  it.each([HOSTS.site, HOSTS.cms, HOSTS.preview])('sends HSTS on %s over TLS', async (host) => {
    const answer = await nginxRequest(tls.port, host, '/', { tls: true });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it.each([HOSTS.site, HOSTS.cms, HOSTS.preview])('sends no HSTS on %s over plain HTTP', async (host) => {
    // Another client than the bursts above, which used up 127.0.0.1's preview allowance.
    const answer = await nginxRequest(plain.port, host, '/', { localAddress: '127.0.0.8' });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });
});
