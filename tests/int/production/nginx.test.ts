import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/free-port.js';
import { writeNginxRedirects } from '../../../scripts/production/nginx-redirects.js';
import { renderNginxConf } from '../../../scripts/production/render-nginx-conf.js';
import { nginxBinary as nginx, nginxRequest, runNginx, type RunningNginx } from './support/nginx.js';

if (!nginx && process.env.CI === 'true') throw new Error('nginx is missing: .ci/run installs it (apt-get install nginx-light)');
if (!nginx) console.warn('nginx is not installed here: the nginx configuration tests are skipped (apt-get install nginx-light).');

const HOSTS = { site: 'portal.test', cms: 'cms.portal.test', preview: 'xemtruoc.portal.test' };

const get = (port: number, host: string, pathname: string, headers: Record<string, string> = {}) => nginxRequest(port, host, pathname, { headers });

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
  mkdirSync(path.join(dir, 'du-lieu-mo'), { recursive: true });
  const csv = `\uFEFFid,title\r\n${'a,Nhiệm vụ trọng tâm\r\n'.repeat(100)}`;
  writeFileSync(path.join(dir, 'du-lieu-mo', 'nhiem-vu.csv'), csv);
  writeFileSync(path.join(dir, 'du-lieu-mo', 'nhiem-vu.csv.gz'), gzipSync(csv));
  writeFileSync(path.join(dir, 'du-lieu-mo', 'nhiem-vu.json'), JSON.stringify({ title: title }));
  mkdirSync(path.join(dir, '_withdrawn', 'abc'), { recursive: true });
  writeFileSync(path.join(dir, '_withdrawn', 'abc', 'index.html'), '<h1>Bài đã gỡ</h1>');
  writeFileSync(
    path.join(dir, 'redirects.json'),
    JSON.stringify({
      version: 1,
      rules: [
        { from: '/tin-tuc/bai-cu/', to: '/tin-tuc/bai-viet/', code: 301, page: null },
        { from: '/tin-tuc/t%E1%BA%A1m/', to: '/tin-tuc/bai-viet/', code: 302, page: null },
        { from: '/tin-tuc/bai-go/', to: null, code: 410, page: '_withdrawn/abc/index.html' },
        // A path the contract allows that would end nginx's string and add a directive: refused, not written.
        { from: `/${encodeURIComponent('x"; return 200 "owned')}/`, to: '/', code: 301, page: null },
      ],
    }),
  );
}

/** The production nginx configuration (docs/production.md), run by Debian's nginx on loopback. */
describe.skipIf(!nginx)('nginx in front of the portal', () => {
  let root: string;
  let port: number;
  let running: RunningNginx;
  const servers: Server[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portal-nginx-'));
    chmodSync(root, 0o755);
    release(root, 'r1', 'Phiên bản 1');
    const redirects = await writeNginxRedirects(path.join(root, 'releases', 'r1'));
    expect(redirects.refused).toEqual([`/${encodeURIComponent('x"; return 200 "owned')}/`]);
    symlinkSync(path.join('releases', 'r1'), path.join(root, 'current'));
    const [cmsB, publisher, preview] = await Promise.all([upstream('cms-b'), upstream('publisher'), upstream('preview')]);
    servers.push(cmsB.server, publisher.server, preview.server);
    const downCms = `127.0.0.1:${await freePort()}`;
    running = await runNginx(root, (listenPort) =>
      renderNginxConf({
        listen: `127.0.0.1:${listenPort}`,
        siteHost: HOSTS.site,
        cmsHost: HOSTS.cms,
        previewHost: HOSTS.preview,
        releasesDir: root,
        // The first instance is down: requests must reach the second.
        cmsUpstream: `${downCms};\n    server ${cmsB.address}`,
        publisherUpstream: publisher.address,
        previewUpstream: preview.address,
        cmsOrigin: `http://${HOSTS.cms}`,
      }),
    );
    port = running.port;
  });

  afterAll(async () => {
    running?.stop();
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
    expect((await get(port, HOSTS.site, '/')).headers['cache-control']).toBe('no-cache');
  });

  it.each([
    ['/du-lieu-mo/nhiem-vu.csv', 'text/csv; charset=utf-8'],
    ['/du-lieu-mo/nhiem-vu.json', 'application/json'],
  ])('serves the open data set %s as %s, revalidated at every release', async (pathname, type) => {
    const answer = await get(port, HOSTS.site, pathname);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves the CSV precompressed, its bytes (BOM and all) intact', async () => {
    const gz = await get(port, HOSTS.site, '/du-lieu-mo/nhiem-vu.csv', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get(port, HOSTS.site, '/du-lieu-mo/nhiem-vu.csv');
    expect(plain.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(plain.body.toString('utf8')).toContain('a,Nhiệm vụ trọng tâm\r\n');
  });

  it.each([
    ['a moved page', '/tin-tuc/bai-cu/', 301, '/tin-tuc/bai-viet/'],
    ['a moved page without its trailing slash', '/tin-tuc/bai-cu', 301, '/tin-tuc/bai-viet/'],
    ['a page moved for now, its path in Vietnamese', '/tin-tuc/t%E1%BA%A1m/', 302, '/tin-tuc/bai-viet/'],
  ])('answers %s with its redirect from the live release', async (_name, pathname, status, location) => {
    const answer = await get(port, HOSTS.site, pathname);
    expect(answer.status).toBe(status);
    expect(answer.headers.location).toBe(location);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers a withdrawn address with 410 and the withdrawn page, never indexed, and never serves that page as itself', async () => {
    const gone = await get(port, HOSTS.site, '/tin-tuc/bai-go/');
    expect(gone.status).toBe(410);
    expect(gone.body.toString()).toContain('Bài đã gỡ');
    expect(gone.headers['x-robots-tag']).toBe('noindex');
    expect(gone.headers['x-content-type-options']).toBe('nosniff');
    for (const pathname of ['/_withdrawn/abc/', '/_withdrawn/abc/index.html']) {
      const direct = await get(port, HOSTS.site, pathname);
      expect(direct.status).toBe(404);
      expect(direct.body.toString()).toContain('Không tìm thấy trang');
    }
  });

  it('takes no directive from a redirect it refused', async () => {
    const answer = await get(port, HOSTS.site, `/${encodeURIComponent('x"; return 200 "owned')}/`);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).not.toContain('owned');
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
