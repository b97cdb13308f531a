/**
 * Issue 17, item 7: the real CMS behind the real nginx (rendered template), with
 * STRAPI_PROXY=true as docs/production.md sets it. The admin's login limit keys on the client
 * nginx saw, not on 127.0.0.1, and a client cannot pick its key by forging X-Forwarded-For;
 * the admin's cookie is Secure when the browser came over TLS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.js';
import { renderNginxConf, type NginxSettings } from '../../scripts/production/render-nginx-conf.js';
import { createAdminUser, TEST_PASSWORD } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';
import { nginxBinary, nginxRequest, runNginx, type RunningNginx } from '../int/production/support/nginx.js';

const CMS_HOST = 'cms.portal.test';
const EMAIL = 'bien-tap@portal.test';

describe.skipIf(!nginxBinary)('the CMS behind nginx', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let root: string;
  let plain: RunningNginx;
  let tls: RunningNginx;

  /** An admin login through nginx from one loopback address (one client for nginx). */
  const login = (from: string, password: string, options: { forwardedFor?: string; tls?: boolean } = {}) =>
    nginxRequest(options.tls ? tls.port : plain.port, CMS_HOST, '/admin/login', {
      method: 'POST',
      localAddress: from,
      tls: options.tls,
      headers: { 'Content-Type': 'application/json', ...(options.forwardedFor ? { 'X-Forwarded-For': options.forwardedFor } : {}) },
      body: JSON.stringify({ email: EMAIL, password }),
    });
  const isStrapiRateLimit = (answer: { status: number; body: Buffer }) => answer.status === 429 && answer.body.toString().includes('RateLimitError');

  beforeAll(async () => {
    db = sqliteDatabase();
    // Production, as behind nginx: Strapi marks cookies Secure only there.
    cms = await bootStrapi(db, { STRAPI_PROXY: 'true', NODE_ENV: 'production', SEED: 'false' });
    await createAdminUser(cms, { code: 'strapi-super-admin', email: EMAIL });
    root = mkdtempSync(path.join(os.tmpdir(), 'portal-adv-proxy-'));
    const settings = async (port: number): Promise<NginxSettings> => ({
      listen: `127.0.0.1:${port}`,
      siteHost: 'portal.test',
      cmsHost: CMS_HOST,
      previewHost: 'xemtruoc.portal.test',
      releasesDir: root,
      cmsUpstream: new URL(cms.url).host,
      publisherUpstream: `127.0.0.1:${await freePort()}`,
      previewUpstream: `127.0.0.1:${await freePort()}`,
      cmsOrigin: `https://${CMS_HOST}`,
    });
    const plainSettings = await settings(0);
    plain = await runNginx(path.join(root, 'plain'), (port) => renderNginxConf({ ...plainSettings, listen: `127.0.0.1:${port}` }));
    const certificate = path.join(root, 'cert.pem');
    const key = path.join(root, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${CMS_HOST}`, '-keyout', key, '-out', certificate], { stdio: 'ignore' });
    tls = await runNginx(path.join(root, 'tls'), (port) => renderNginxConf({ ...plainSettings, listen: `127.0.0.1:${port}`, tls: { certificate, key } }));
  });

  afterAll(async () => {
    plain?.stop();
    tls?.stop();
    await cms?.stop();
    await db?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('locks out the client that guesses passwords, not the next one', async () => {
    const guesses = [];
    for (let i = 0; i < 6; i += 1) guesses.push(await login('127.0.0.2', `sai-mat-khau-${i}`));
    expect(guesses.slice(0, 5).map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect(isStrapiRateLimit(guesses[5]!)).toBe(true);
    // Another office computer, the same account: Strapi still checks its password.
    const other = await login('127.0.0.3', 'sai-mat-khau');
    expect(other.status).toBe(400);
    expect((await login('127.0.0.3', TEST_PASSWORD)).status).toBe(200);
  });

  it('keys on the address nginx saw, whatever X-Forwarded-For the client sends', async () => {
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await login('127.0.0.4', `doan-${i}`, { forwardedFor: `198.51.100.${i + 1}` }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect(isStrapiRateLimit(answers[5]!)).toBe(true);
  });

  it.each([
    ['over TLS', true, true],
    ['over plain HTTP', false, false],
  ])('sets the admin’s session cookie %s with Secure: %s', async (_name, overTls, secure) => {
    const answer = await login(overTls ? '127.0.0.5' : '127.0.0.6', TEST_PASSWORD, { tls: overTls });
    expect(answer.status, answer.body.toString()).toBe(200);
    const cookies = answer.headers['set-cookie'] ?? [];
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(/;\s*secure/i.test(cookie), cookie).toBe(secure);
  });
});
