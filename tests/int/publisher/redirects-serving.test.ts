import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRelease } from '../../../scripts/publisher/check-release.js';
import { PublishedSlugs } from '../../../scripts/publisher/cms-articles.js';
import { createPublicServer } from '../../../scripts/publisher/public-server.js';
import { newReleaseId } from '../../../scripts/publisher/release-id.js';
import type { ReleaseRedirects } from '../../../scripts/publisher/release-redirects.js';
import { ReleaseStore } from '../../../scripts/publisher/release-store.js';
import { writeFakeSite } from './support/fake-site.js';
import { raw } from './support/raw-http.js';

const WITHDRAWN = '_withdrawn/gone1/index.html';
const FIRST: ReleaseRedirects = {
  version: 1,
  rules: [
    { from: '/tin-tuc/bai-cu/', to: '/tin-tuc/tin-mot/', code: 301, page: null },
    { from: '/tin-tuc/t%E1%BA%A1m/', to: '/tin-tuc/tin-hai/', code: 302, page: null },
    { from: '/thong-bao/dich-vu-cong/', to: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html', code: 301, page: null },
    { from: '/tin-tuc/bai-go/', to: null, code: 410, page: WITHDRAWN },
  ],
};
const SECOND: ReleaseRedirects = { version: 1, rules: [{ from: '/tin-tuc/bai-moi-cu/', to: '/tin-tuc/tin-mot/', code: 301, page: null }] };

let dir: string;
let store: ReleaseStore;
let server: Server;
let url: string;
const releases: string[] = [];

async function release(redirects: ReleaseRedirects): Promise<string> {
  const id = newReleaseId();
  const releaseDir = store.releaseDir(id);
  await writeFakeSite(releaseDir, id, ['tin-mot', 'tin-hai']);
  writeFileSync(path.join(releaseDir, 'redirects.json'), JSON.stringify(redirects));
  mkdirSync(path.join(releaseDir, path.dirname(WITHDRAWN)), { recursive: true });
  writeFileSync(path.join(releaseDir, WITHDRAWN), `<!doctype html><meta name="robots" content="noindex"><h1>Bài đã gỡ</h1><p>release=${id}</p>`);
  releases.push(id);
  return id;
}

const get = (pathname: string, method = 'GET') => raw(url, pathname, { method });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'redirects-serving-'));
  store = new ReleaseStore(dir);
  await store.ensureLayout();
  server = createPublicServer({ publisherDir: dir, imageOrigins: [], log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await store.swap(await release(FIRST));
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the public server answers the live release's redirects", () => {
  it.each([
    ['a moved page', '/tin-tuc/bai-cu/', 301, '/tin-tuc/tin-mot/'],
    ['without its trailing slash', '/tin-tuc/bai-cu', 301, '/tin-tuc/tin-mot/'],
    ['with a query, which it keeps', '/tin-tuc/bai-cu/?utm_source=zalo', 301, '/tin-tuc/tin-mot/?utm_source=zalo'],
    ['with letters encoded that need not be', '/tin-tuc/b%61i-cu/', 301, '/tin-tuc/tin-mot/'],
    ['a Vietnamese path, percent-encoded', '/tin-tuc/t%E1%BA%A1m/', 302, '/tin-tuc/tin-hai/'],
    ['a Vietnamese path in lower-case hex', '/tin-tuc/t%e1%ba%a1m', 302, '/tin-tuc/tin-hai/'],
    ['a Vietnamese path decomposed (NFD)', `/tin-tuc/${encodeURIComponent('tạm'.normalize('NFD'))}/`, 302, '/tin-tuc/tin-hai/'],
    ['an allowed address elsewhere, as given', '/thong-bao/dich-vu-cong/', 301, 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html'],
  ])('%s: %s → %i %s', async (_name, pathname, status, location) => {
    for (const method of ['GET', 'HEAD']) {
      const answer = await get(pathname, method);
      expect(answer.status).toBe(status);
      expect(answer.headers.location).toBe(location);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('answers a withdrawn address with 410 and the withdrawn page, noindex, GET and HEAD', async () => {
    const gone = await get('/tin-tuc/bai-go/');
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(gone.headers['x-robots-tag']).toBe('noindex');
    expect(gone.headers['x-content-type-options']).toBe('nosniff');
    expect(gone.body.toString()).toContain('Bài đã gỡ');
    const head = await get('/tin-tuc/bai-go', 'HEAD');
    expect(head.status).toBe(410);
    expect(head.headers['x-robots-tag']).toBe('noindex');
    expect(head.body.length).toBe(0);
  });

  it.each(['/_withdrawn/gone1/', '/_withdrawn/gone1/index.html', '/_withdrawn/', '/_withdrawn', '/%5Fwithdrawn/gone1/'])('never serves the withdrawn page as itself: %s → 404', async (pathname) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).not.toContain('Bài đã gỡ');
  });

  it('leaves every other page as it was', async () => {
    const page = await get('/tin-tuc/tin-mot/');
    expect(page.status).toBe(200);
    expect((await get('/tin-tuc/khong-co/')).status).toBe(404);
  });

  it('takes the rules of the release it swaps to, and the earlier ones back on a rollback', async () => {
    const first = releases[0]!;
    await store.swap(await release(SECOND));
    expect((await get('/tin-tuc/bai-cu/')).status).toBe(404);
    expect((await get('/tin-tuc/bai-go/')).status).toBe(404);
    expect((await get('/tin-tuc/bai-moi-cu/')).headers.location).toBe('/tin-tuc/tin-mot/');
    await store.swap(first);
    expect((await get('/tin-tuc/bai-cu/')).headers.location).toBe('/tin-tuc/tin-mot/');
    expect((await get('/tin-tuc/bai-go/')).status).toBe(410);
    expect((await get('/tin-tuc/bai-moi-cu/')).status).toBe(404);
  });
});

describe('the release check', () => {
  const cms = { strapiUrl: 'http://127.0.0.1:9', strapiToken: 'x' };
  const published = () => {
    const list = new PublishedSlugs();
    list.list = async () => ({ slugs: [], whole: true });
    return list;
  };

  it('passes a release whose redirects.json is the site’s', async () => {
    await expect(checkRelease(store.releaseDir(releases[0]!), cms, Promise.resolve(), published())).resolves.toBeUndefined();
  });

  it('refuses one whose withdrawn page is missing, naming it', async () => {
    const id = await release(FIRST);
    rmSync(path.join(store.releaseDir(id), WITHDRAWN));
    await expect(checkRelease(store.releaseDir(id), cms, Promise.resolve(), published())).rejects.toThrow(WITHDRAWN);
  });
});
