import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../scripts/publisher/precompress.js';
import { createPublicServer } from '../../../scripts/publisher/public-server.js';
import { newReleaseId } from '../../../scripts/publisher/release-id.js';
import { ReleaseStore } from '../../../scripts/publisher/release-store.js';
import { fakeSiteFiles, releasesIn, writeFakeSite } from './support/fake-site.js';
import { raw } from './support/raw-http.js';

const cmsOrigin = 'http://cms.example:1337';
const slugs = ['tin-mot', 'tin-hai'];
let dir: string;
let store: ReleaseStore;
let server: Server;
let url: string;
const releases: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'serving-'));
  store = new ReleaseStore(dir);
  await store.ensureLayout();
  // Files outside the release that a traversal would want.
  writeFileSync(store.stateFile, '{"SECRET":"state"}');
  writeFileSync(path.join(dir, 'SECRET.txt'), 'SECRET');
  server = createPublicServer({ publisherDir: dir, imageOrigins: [cmsOrigin], log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) => raw(url, pathname, { headers });

describe('before the first release', () => {
  it('answers 503 with a short Vietnamese page and Retry-After', async () => {
    const response = await get('/tin-tuc/');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body.toString()).toContain('Cổng thông tin đang được xây dựng, vui lòng quay lại sau ít phút.');
  });
});

describe('serving the live release', () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) {
      const id = newReleaseId();
      await writeFakeSite(store.releaseDir(id), id, slugs);
      await precompress(store.releaseDir(id));
      releases.push(id);
    }
    mkdirSync(path.join(store.releaseDir(releases[0]!), '.well-known'));
    writeFileSync(path.join(store.releaseDir(releases[0]!), '.well-known', 'security.txt'), 'Contact: mailto:vanphong@quan.gov.vn\n');
    writeFileSync(path.join(store.releaseDir(releases[0]!), '.env'), 'SECRET=1\n');
    await store.swap(releases[0]!);
  });

  const live = () => fakeSiteFiles(releases[0]!, slugs);

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/tin-tuc/tin-mot/', 'text/html; charset=utf-8'],
    ['/_astro/index.Cq9fG7hk.css', 'text/css; charset=utf-8'],
    ['/_astro/app.Bx12abCd.js', 'text/javascript; charset=utf-8'],
    ['/pagefind/pagefind-entry.json', 'application/json; charset=utf-8'],
    ['/rss.xml', 'application/xml; charset=utf-8'],
    ['/sitemap-index.xml', 'application/xml; charset=utf-8'],
    ['/favicon.svg', 'image/svg+xml'],
    ['/anh/logo.png', 'image/png'],
    ['/anh/anh.jpg', 'image/jpeg'],
    ['/_astro/anh.D1e2F3g4.webp', 'image/webp'],
    ['/anh/anh.avif', 'image/avif'],
    ['/fonts/be-vietnam.woff2', 'font/woff2'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/favicon.ico', 'image/x-icon'],
    ['/pagefind/pagefind.vi_78aa.pf_meta', 'application/octet-stream'],
    ['/pagefind/index/vi_2f36.pf_index', 'application/octet-stream'],
    ['/pagefind/fragment/vi_1113.pf_fragment', 'application/octet-stream'],
    ['/pagefind/wasm.unknown.pagefind', 'application/octet-stream'],
    ['/pagefind/pagefind.wasm', 'application/wasm'],
    ['/.well-known/security.txt', 'text/plain; charset=utf-8'],
  ])('%s → 200 %s, every security header', async (pathname, type) => {
    const response = await get(pathname);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['content-security-policy']).toBe(
      `default-src 'self'; img-src 'self' data: ${cmsOrigin}; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'`,
    );
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
      'permissions-policy': expect.stringContaining('geolocation=()'),
    });
  });

  it.each([
    ['br', 'br', (b: Buffer) => brotliDecompressSync(b)],
    ['gzip, deflate, br', 'br', (b: Buffer) => brotliDecompressSync(b)],
    ['gzip', 'gzip', (b: Buffer) => gunzipSync(b)],
    ['br;q=0, gzip;q=1', 'gzip', (b: Buffer) => gunzipSync(b)],
    ['', undefined, (b: Buffer) => b],
    ['identity', undefined, (b: Buffer) => b],
  ])('Accept-Encoding %j → %s, the same page once decoded', async (accept, encoding, decode) => {
    const response = await get('/', accept ? { 'Accept-Encoding': accept } : {});
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(decode(response.body).toString()).toBe(live()['index.html']);
  });

  it('serves small and binary files as they are', async () => {
    const robots = await get('/robots.txt', { 'Accept-Encoding': 'br, gzip' });
    expect(robots.headers['content-encoding']).toBeUndefined();
    expect(robots.body.toString()).toBe(live()['robots.txt']);
    const image = await get('/anh/logo.png', { 'Accept-Encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match, per encoding', async () => {
    const plain = await get('/tin-tuc/');
    const br = await get('/tin-tuc/', { 'Accept-Encoding': 'br' });
    expect(plain.headers.etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    for (const [etag, accept] of [
      [plain.headers.etag, ''],
      [`W/${plain.headers.etag}`, ''],
      [`"nope", ${br.headers.etag}`, 'br'],
    ] as const) {
      const again = await get('/tin-tuc/', { 'If-None-Match': String(etag), ...(accept ? { 'Accept-Encoding': accept } : {}) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['cache-control']).toBe('no-cache');
    }
    expect((await get('/tin-tuc/', { 'If-None-Match': String(br.headers.etag) })).status).toBe(200);
  });

  it.each([
    ['/', 'no-cache'],
    ['/tin-tuc/tin-hai/', 'no-cache'],
    ['/rss.xml', 'no-cache'],
    ['/sitemap-index.xml', 'no-cache'],
    ['/pagefind/pagefind-entry.json', 'no-cache'],
    ['/_astro/app.Bx12abCd.js', 'public, max-age=31536000, immutable'],
    ['/_astro/anh.D1e2F3g4.webp', 'public, max-age=31536000, immutable'],
    ['/favicon.svg', 'public, max-age=300'],
    ['/pagefind/pagefind.js', 'public, max-age=300'],
  ])('%s → Cache-Control %s', async (pathname, policy) => {
    expect((await get(pathname)).headers['cache-control']).toBe(policy);
  });

  it.each(['/khong-co-trang-nay/', '/tin-tuc/bai-da-go/', '/anh/khong-co.jpg', '/robots.txt/', '/.env'])('%s → the release 404 page with status 404', async (pathname) => {
    const response = await get(pathname);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.body.toString()).toBe(live()['404.html']);
  });

  it.each([
    ['/tin-tuc', '/tin-tuc/'],
    ['/tin-tuc?trang=2', '/tin-tuc/?trang=2'],
    ['//tin-tuc', '/tin-tuc/'],
    ['/tin-tuc/tin-mot', '/tin-tuc/tin-mot/'],
  ])('%s → 301 %s', async (pathname, location) => {
    const response = await get(pathname);
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(location);
  });

  it.each([
    '/../SECRET.txt',
    '/../publisher/state.json',
    '/tin-tuc/../../publisher/state.json',
    '/%2e%2e/SECRET.txt',
    '/%2E%2E%2Fpublisher%2Fstate.json',
    '/.%2e/SECRET.txt',
    '/..%5cSECRET.txt',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/../../../../etc/passwd',
    '/..',
    '/%00',
    '/%E0%A4%A',
    '/current/../SECRET.txt',
  ])('blocks traversal: %s', async (pathname) => {
    const response = await get(pathname);
    expect([400, 404]).toContain(response.status);
    expect(response.body.toString()).not.toMatch(/SECRET|root:/);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await raw(url, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(live()['index.html']!));
    expect(head.body.length).toBe(0);
    const post = await raw(url, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('never mixes two releases in one response while current is swapped again and again', async () => {
    const paths = ['/', '/tin-tuc/tin-mot/', '/rss.xml', '/khong-co/', '/_astro/app.Bx12abCd.js', '/pagefind/pagefind-entry.json'];
    let swapping = true;
    let swaps = 0;
    const swapper = (async () => {
      while (swapping) {
        await store.swap(releases[swaps % releases.length]!);
        swaps += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const seen = new Set<string>();
    const encodings = ['', 'gzip', 'br'];
    try {
      for (let round = 0; round < 20; round += 1) {
        await Promise.all(
          Array.from({ length: 24 }, async (_, i) => {
            const accept = encodings[i % 3]!;
            const response = await get(paths[i % paths.length]!, accept ? { 'Accept-Encoding': accept } : {});
            const encoding = response.headers['content-encoding'];
            const body = (encoding === 'br' ? brotliDecompressSync(response.body) : encoding === 'gzip' ? gunzipSync(response.body) : response.body).toString();
            const ids = releasesIn(body);
            expect(ids.size, `${paths[i % paths.length]} mixed ${[...ids].join(' and ')}`).toBe(1);
            seen.add([...ids][0]!);
          }),
        );
      }
    } finally {
      swapping = false;
      await swapper;
    }
    expect(swaps).toBeGreaterThan(20);
    expect(seen.size).toBeGreaterThan(1);
    await store.swap(releases[0]!);
  });
});
