import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX_REDIRECTS_FILE, writeNginxRedirects } from '../../scripts/production/nginx-redirects.js';
import { renderNginxConf } from '../../scripts/production/render-nginx-conf.js';
import { checkRelease } from '../../scripts/publisher/check-release.js';
import { PublishedSlugs } from '../../scripts/publisher/cms-articles.js';
import { createPublicServer } from '../../scripts/publisher/public-server.js';
import { newReleaseId } from '../../scripts/publisher/release-id.js';
import { readReleaseRedirects } from '../../scripts/publisher/release-redirects.js';
import { ReleaseStore } from '../../scripts/publisher/release-store.js';
import { makeRedirectRules } from '../../site/src/lib/redirect-rules.js';
import type { Redirect } from '../../site/src/lib/schemas.js';
import { writeFakeSite } from '../int/publisher/support/fake-site.js';
import { raw } from '../int/publisher/support/raw-http.js';
import { nginxBinary, nginxRequest, runNginx, type RunningNginx } from '../int/production/support/nginx.js';

const GOOD = { from: '/tin-tuc/bai-cu/', to: '/tin-tuc/tin-mot/', code: 301, page: null };

/** A redirects.json no site build writes, each with the path it tries to take over. */
const HOSTILE: [name: string, rule: Record<string, unknown>][] = [
  ['a protocol-relative target', { from: '/a/', to: '//evil.example/', code: 301, page: null }],
  ['a backslash target browsers read as another host', { from: '/a/', to: '/\\evil.example/', code: 301, page: null }],
  ['an encoded double slash target', { from: '/a/', to: '/%2F%2Fevil.example/', code: 302, page: null }],
  ['a javascript: target', { from: '/a/', to: 'javascript:alert(document.domain)', code: 301, page: null }],
  ['a data: target', { from: '/a/', to: 'data:text/html,<script>alert(1)</script>', code: 301, page: null }],
  ['plain http', { from: '/a/', to: 'http://evil.example/', code: 301, page: null }],
  ['credentials in the target', { from: '/a/', to: 'https://portal.gov.vn@evil.example/', code: 301, page: null }],
  ['a port in the target', { from: '/a/', to: 'https://evil.example:8443/', code: 301, page: null }],
  ['a header injected into the target', { from: '/a/', to: '/tin-tuc/\r\nSet-Cookie: session=owned', code: 301, page: null }],
  ['a header injected into an address', { from: '/a/', to: 'https://evil.example/\r\nSet-Cookie: session=owned', code: 301, page: null }],
  ['a newline in the source', { from: '/a/\nb/', to: '/', code: 301, page: null }],
  ['a traversal to the publisher state', { from: '/a/', to: null, code: 410, page: '../../state.json' }],
  ['a traversal inside the withdrawn folder', { from: '/a/', to: null, code: 410, page: '_withdrawn/../../SECRET.txt' }],
  ['a withdrawn page that is not one', { from: '/a/', to: null, code: 410, page: 'index.html' }],
  ['an absolute page', { from: '/a/', to: null, code: 410, page: '/etc/passwd' }],
  ['a source over the withdrawn pages', { from: '/_withdrawn/x/', to: '/', code: 301, page: null }],
  ['a source over the assets', { from: '/_astro/', to: '/', code: 301, page: null }],
  ['a source that climbs', { from: '/tin-tuc/../a/', to: '/', code: 301, page: null }],
  ['a source not in its normal spelling', { from: '/a', to: '/', code: 301, page: null }],
  ['the home page taken over', { from: '/', to: 'https://evil.example/', code: 301, page: null }],
  ['a code the contract has not', { from: '/a/', to: '/', code: 307, page: null }],
  ['a 301 with a page', { from: '/a/', to: '/', code: 301, page: '_withdrawn/x/index.html' }],
];
const HOSTILE_FILES: [name: string, text: string][] = [
  ['not JSON', '{"version":1,'],
  ['another version', JSON.stringify({ version: 2, rules: [] })],
  ['rules that are not a list', JSON.stringify({ version: 1, rules: { from: '/a/' } })],
  ['the same source twice', JSON.stringify({ version: 1, rules: [GOOD, { ...GOOD, to: '/' }] })],
];

let dir: string;
let store: ReleaseStore;
let server: Server;
let url: string;

async function release(redirects: string): Promise<string> {
  const id = newReleaseId();
  await writeFakeSite(store.releaseDir(id), id, ['tin-mot']);
  writeFileSync(path.join(store.releaseDir(id), 'redirects.json'), redirects);
  return id;
}

const cms = { strapiUrl: 'http://127.0.0.1:9', strapiToken: 'x' };
const noArticles = () => Object.assign(new PublishedSlugs(), { list: async () => ({ slugs: [], whole: true }) });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'redirects-attack-'));
  store = new ReleaseStore(dir);
  await store.ensureLayout();
  writeFileSync(store.stateFile, '{"SECRET":"state"}');
  writeFileSync(path.join(dir, 'SECRET.txt'), 'SECRET');
  server = createPublicServer({ publisherDir: dir, imageOrigins: [], log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Issue 20 §3: a release's redirects.json is followed by the public server and nginx without
 * asking the CMS again. One that the site did not write — an open redirect, a header or a
 * directive smuggled in, a withdrawn page outside the release — is refused by the release
 * check, and should it reach the live folder all the same, the server follows none of it.
 */
describe('a hostile redirects.json', () => {
  it.each([...HOSTILE.map(([name, rule]) => [name, JSON.stringify({ version: 1, rules: [GOOD, rule] }), rule] as const), ...HOSTILE_FILES.map(([name, text]) => [name, text, undefined] as const)])(
    '%s: refused by the release check; live, it moves nothing and leaks nothing',
    async (_name, text, rule) => {
      const id = await release(text);
      await expect(readReleaseRedirects(store.releaseDir(id))).rejects.toThrow(/redirects\.json/);
      await expect(checkRelease(store.releaseDir(id), cms, Promise.resolve(), noArticles())).rejects.toThrow(/release check failed: redirects\.json/);
      await store.swap(id);
      const paths = ['/a/', '/a', GOOD.from, ...(typeof rule?.from === 'string' ? [rule.from.replace(/[\r\n]/g, '')] : [])];
      for (const pathname of paths) {
        const answer = await raw(url, encodeURI(pathname).replace(/%25/g, '%'));
        expect([200, 400, 404], pathname).toContain(answer.status);
        expect(answer.headers.location).toBeUndefined();
        expect(answer.headers['set-cookie']).toBeUndefined();
        expect(answer.body.toString()).not.toMatch(/SECRET|state/);
      }
      expect((await raw(url, '/tin-tuc/tin-mot/')).status).toBe(200);
    },
  );
});

/** What the CMS might hold if its checks were bypassed (a restore, raw SQL): the build drops each, never the build. */
describe('hostile redirect entries reaching the site build', () => {
  const entry = (fields: Partial<Redirect>): Redirect => ({
    documentId: 'abcdefghijklmnopqrstuvwx',
    from: '/a/',
    to: '/',
    code: 301,
    title: null,
    reason: null,
    firstPublishedAt: null,
    withdrawnAt: null,
    updatedAt: new Date(),
    ...fields,
  });
  it.each<[string, Partial<Redirect>]>([
    ['a protocol-relative target', { to: '//evil.example/' }],
    ['a javascript: target', { to: 'javascript:alert(1)' }],
    ['a header injected into the target', { to: '/b/\r\nSet-Cookie: x=1' }],
    ['plain http', { to: 'http://evil.example/' }],
    ['a source over the withdrawn pages', { from: '/_withdrawn/x/' }],
    ['a source that climbs', { from: '/a/../../b/' }],
    ['the home page', { from: '/' }],
    ['a loop', { from: '/a/', to: '/a' }],
    ['a code the contract has not', { code: 308 }],
    ['a withdrawn page named by a path', { code: 410, to: null, documentId: '../../x' }],
  ])('%s is dropped with its reason', (_name, fields) => {
    const made = makeRedirectRules([entry(fields), entry({ documentId: 'goodgoodgoodgoodgoodgood', from: '/tin-tuc/cu/', to: '/tin-tuc/moi/' })]);
    expect(made.rules.map(({ rule }) => rule)).toEqual([{ from: '/tin-tuc/cu/', to: '/tin-tuc/moi/', code: 301, page: null }]);
    expect(made.dropped).toHaveLength(1);
  });
});

// None has a "/" or "\\": the release's schema refuses those already (site-path.ts).
const INJECTIONS = ['x"; return 200 "owned', "x'; return 200 owned; '", 'x" { return 200 owned; } location ~ . { return 200 "owned', 'x$uri', 'x#', 'x{', 'x;', 'tin tức mới'];

describe.skipIf(!nginxBinary)('nginx given redirects that would break out of its strings', () => {
  let root: string;
  let running: RunningNginx;
  const HOST = 'portal.test';
  const froms = INJECTIONS.map((text) => `/${encodeURIComponent(text)}/`);

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'redirects-nginx-'));
    chmodSync(root, 0o755);
    const releaseDir = path.join(root, 'releases', 'r1');
    await writeFakeSite(releaseDir, 'r1', ['tin-mot']);
    // Each passes the release's schema (a path of this site, percent-encoded): only nginx's file must refuse them.
    writeFileSync(path.join(releaseDir, 'redirects.json'), JSON.stringify({ version: 1, rules: [GOOD, ...froms.map((from) => ({ from, to: '/', code: 301, page: null }))] }));
    const written = await writeNginxRedirects(releaseDir);
    expect(written.refused.sort()).toEqual(froms.filter((from) => from !== `/${encodeURIComponent('tin tức mới')}/`).sort());
    symlinkSync(path.join('releases', 'r1'), path.join(root, 'current'));
    running = await runNginx(root, (port) =>
      renderNginxConf({
        listen: `127.0.0.1:${port}`,
        siteHost: HOST,
        cmsHost: 'cms.portal.test',
        previewHost: 'xemtruoc.portal.test',
        releasesDir: root,
        cmsUpstream: '127.0.0.1:9',
        publisherUpstream: '127.0.0.1:9',
        previewUpstream: '127.0.0.1:9',
        cmsOrigin: 'http://cms.portal.test',
      }),
    );
  });

  afterAll(() => {
    running?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('writes one exact location per spelling and nothing else', () => {
    const lines = readFileSync(path.join(root, 'releases', 'r1', NGINX_REDIRECTS_FILE), 'utf8').trim().split('\n');
    for (const line of lines.slice(1)) expect(line).toMatch(/^location = "[^"\\$;{}#']*" \{ return 30[12] "[^"\s]*"; \}$/);
  });

  it.each(INJECTIONS)('answers %s with no directive of its own', async (text) => {
    const answer = await nginxRequest(running.port, HOST, `/${encodeURIComponent(text)}/`);
    expect(answer.body.toString()).not.toContain('owned');
    // Refused ones are not nginx's to answer (404 here); the one with spaces only is served, quoted.
    expect(text === 'tin tức mới' ? [answer.status, answer.headers.location] : [answer.status]).toEqual(text === 'tin tức mới' ? [301, '/'] : [404]);
    // The site itself is as it was.
    expect((await nginxRequest(running.port, HOST, '/tin-tuc/tin-mot/')).status).toBe(200);
    expect((await nginxRequest(running.port, HOST, GOOD.from)).headers.location).toBe(GOOD.to);
  });
});
