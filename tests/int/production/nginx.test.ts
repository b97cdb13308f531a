import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/free-port.js';
import { renderNginxConf } from '../../../scripts/production/render-nginx-conf.js';

const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));
if (!nginx && process.env.CI === 'true') throw new Error('nginx is missing: .ci/run installs it (apt-get install nginx-light)');
if (!nginx) console.warn('nginx is not installed here: the nginx configuration tests are skipped (apt-get install nginx-light).');

const HOSTS = { site: 'portal.test', cms: 'cms.portal.test', preview: 'xemtruoc.portal.test' };

/** A GET through nginx with a Host header, as a browser on that name would send it. */
function get(port: number, host: string, pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, headers: { Host: host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An upstream that answers with its name and the path it was asked for. */
function upstream(name: string): Promise<{ server: Server; address: string }> {
  const server = createServer((req, res) => res.end(`${name} ${req.url}`));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, address: `127.0.0.1:${(server.address() as { port: number }).port}` })));
}

function release(root: string, id: string, title: string): void {
  const dir = path.join(root, 'releases', id);
  mkdirSync(path.join(dir, 'tin-tuc', 'bai-viet'), { recursive: true });
  mkdirSync(path.join(dir, '_astro'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), `<h1>${title}</h1>`);
  writeFileSync(path.join(dir, '404.html'), '<h1>Không tìm thấy trang</h1>');
  writeFileSync(path.join(dir, 'tin-tuc', 'bai-viet', 'index.html'), `<h1>Bài viết (${title})</h1>`);
  const css = 'body{font-family:system-ui}'.repeat(50);
  writeFileSync(path.join(dir, '_astro', 'site.css'), css);
  writeFileSync(path.join(dir, '_astro', 'site.css.gz'), gzipSync(css));
  writeFileSync(path.join(dir, '.env'), 'SECRET=1');
}

/** The production nginx configuration (docs/production.md), run by Debian's nginx on loopback. */
describe.skipIf(!nginx)('nginx in front of the portal', () => {
  let root: string;
  let port: number;
  let child: ChildProcess;
  const servers: Server[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portal-nginx-'));
    chmodSync(root, 0o755);
    release(root, 'r1', 'Phiên bản 1');
    symlinkSync(path.join('releases', 'r1'), path.join(root, 'current'));
    const [cmsB, publisher, preview] = await Promise.all([upstream('cms-b'), upstream('publisher'), upstream('preview')]);
    servers.push(cmsB.server, publisher.server, preview.server);
    const downCms = `127.0.0.1:${await freePort()}`;
    port = await freePort();
    const site = renderNginxConf({
      listen: `127.0.0.1:${port}`,
      siteHost: HOSTS.site,
      cmsHost: HOSTS.cms,
      previewHost: HOSTS.preview,
      releasesDir: root,
      // The first instance is down: requests must reach the second.
      cmsUpstream: `${downCms};\n    server ${cmsB.address}`,
      publisherUpstream: publisher.address,
      previewUpstream: preview.address,
      cmsOrigin: `http://${HOSTS.cms}`,
    });
    const conf = path.join(root, 'nginx.conf');
    writeFileSync(
      conf,
      [
        'user root;',
        `pid ${root}/nginx.pid;`,
        `error_log ${root}/error.log;`,
        'events {}',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${root}/${t};`),
        site,
        '}',
      ].join('\n'),
    );
    execFileSync(nginx!, ['-t', '-q', '-p', root, '-c', conf]);
    child = spawn(nginx!, ['-p', root, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i += 1) {
      if (await get(port, HOSTS.site, '/').then(() => true, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    child?.kill('SIGQUIT');
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['the home page', '/', 200, 'Phiên bản 1'],
    ['an article', '/tin-tuc/bai-viet/', 200, 'Bài viết (Phiên bản 1)'],
    ['a missing page, with the site’s 404', '/khong-co/', 404, 'Không tìm thấy trang'],
    ['a dotfile of the release', '/.env', 404, 'Không tìm thấy trang'],
  ])('serves %s from the live release', async (_name, pathname, status, text) => {
    const answer = await get(port, HOSTS.site, pathname);
    expect(answer.status).toBe(status);
    expect(answer.body.toString()).toContain(text);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets precompressed and cached for a year, pages revalidated', async () => {
    const css = await get(port, HOSTS.site, '/_astro/site.css', { 'Accept-Encoding': 'gzip' });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(port, HOSTS.site, '/')).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });

  it('follows the publisher’s atomic swap of `current` at the next request', async () => {
    release(root, 'r2', 'Phiên bản 2');
    symlinkSync(path.join('releases', 'r2'), path.join(root, 'current.next'));
    renameSync(path.join(root, 'current.next'), path.join(root, 'current'));
    expect((await get(port, HOSTS.site, '/')).body.toString()).toContain('Phiên bản 2');
  });

  it.each([
    ['the admin, on the instance that is up', HOSTS.cms, '/admin/', 'cms-b /admin/'],
    ['the REST API', HOSTS.cms, '/api/articles?status=published', 'cms-b /api/articles?status=published'],
    ['Strapi’s webhook, to the publisher', HOSTS.cms, '/hooks/strapi', 'publisher /hooks/strapi'],
    ['the status page, to the publisher', HOSTS.cms, '/trang-thai/', 'publisher /'],
    ['a draft preview', HOSTS.preview, '/ban-xem-truoc/tin-tuc/abc?status=draft', 'preview /ban-xem-truoc/tin-tuc/abc?status=draft'],
  ])('proxies %s', async (_name, host, pathname, answer) => {
    const response = await get(port, host, pathname);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(answer);
  });
});
