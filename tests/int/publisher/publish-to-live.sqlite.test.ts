import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../../scripts/publisher/build-site.js';
import { checkRelease } from '../../../scripts/publisher/check-release.js';
import { createHooksServer } from '../../../scripts/publisher/hooks-server.js';
import { silentLog } from '../../../scripts/publisher/log.js';
import { createPublicServer } from '../../../scripts/publisher/public-server.js';
import { Publisher, type PublisherStatus } from '../../../scripts/publisher/publisher.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { freePort } from '../../helpers/free-port.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { waitFor } from './support/harness.js';

const SECRET = 'end-to-end-rebuild-secret';
const ARTICLE = 'api::article.article';

const listen = (server: Server, port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

/**
 * Editors publish in a real Strapi; its stored webhook reaches the publisher over HTTP; the
 * publisher builds the real site, checks it, swaps it live and serves it.
 */
describe('publish to live, end to end', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let publisher: Publisher;
  let hooks: Server;
  let site: Server;
  let hooksUrl: string;
  let siteUrl: string;

  const status = async (): Promise<PublisherStatus> => (await fetch(`${hooksUrl}/status`)).json() as Promise<PublisherStatus>;
  const settled = async (afterBuilds: number) =>
    waitFor(async () => {
      const s = await status();
      return s.state === 'idle' && s.history.length >= afterBuilds && s.pending.length === 0 ? s : undefined;
    }, 240_000, `build number ${afterBuilds}`);

  beforeAll(async () => {
    const hooksPort = await freePort();
    hooksUrl = `http://127.0.0.1:${hooksPort}`;
    db = sqliteDatabase();
    cms = await bootStrapi(db, { REBUILD_SECRET: SECRET, PUBLISHER_HOOK_URL: `${hooksUrl}/hooks/strapi` });

    const publisherDir = mkdtempSync(path.join(os.tmpdir(), 'portal-publisher-'));
    process.env.SITE_CACHE_DIR = path.join(publisherDir, 'cache');
    const cmsOptions = { strapiUrl: cms.url, strapiToken: cms.siteToken };
    publisher = new Publisher({
      publisherDir,
      debounceMs: 300,
      maxWaitMs: 5000,
      buildTimeoutMs: 300_000,
      keepReleases: 5,
      retryDelaysMs: [],
      log: silentLog,
      build: (releaseDir, context) => buildSite(releaseDir, { ...cmsOptions, clearCache: context.clearCache, signal: context.signal, log: context.log }),
      check: (releaseDir) => checkRelease(releaseDir, cmsOptions),
    });
    await publisher.start();
    hooks = createHooksServer({ publisher, secret: SECRET, log: silentLog });
    site = createPublicServer({ publisherDir, imageOrigins: [cms.url], log: silentLog });
    await listen(hooks, hooksPort);
    await listen(site, 0);
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  }, 300_000);

  afterAll(async () => {
    await publisher?.stop();
    await Promise.all([hooks, site].filter(Boolean).map((server) => new Promise((resolve) => server.close(resolve))));
    await cms?.stop();
    await db?.drop();
    for (const name of ['REBUILD_SECRET', 'PUBLISHER_HOOK_URL', 'SITE_CACHE_DIR']) delete process.env[name];
  });

  it('serves a "being built" page until the first release, then the site', async () => {
    const before = await fetch(`${siteUrl}/`);
    expect([200, 503]).toContain(before.status);
    const deploy = await fetch(`${hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    expect(deploy.status).toBe(202);
    const after = await settled(1);
    expect(after.history[0]).toMatchObject({ ok: true });
    expect(after.current).toBe(after.history[0]!.id);
    const home = await fetch(`${siteUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('KỶ CƯƠNG, TRÁCH NHIỆM, HÀNH ĐỘNG, SÁNG TẠO, PHÁT TRIỂN');
  }, 300_000);

  it('puts a newly published article live, triggered by the Strapi webhook', async () => {
    const builds = (await status()).history.length;
    const article = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Phường Bạch Đằng ra quân làm sạch đường phố' } as never });
    await cms.strapi.documents(ARTICLE).publish({ documentId: article.documentId });
    const after = await settled(builds + 1);
    expect(after.history[0]!.ok).toBe(true);
    expect(after.history[0]!.trigger).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'strapi', event: 'entry.publish', documentId: article.documentId })]),
    );
    const page = await fetch(`${siteUrl}/tin-tuc/phuong-bach-dang-ra-quan-lam-sach-duong-pho/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Phường Bạch Đằng ra quân làm sạch đường phố');
  }, 300_000);

  it('does not rebuild for a draft save', async () => {
    const before = await status();
    const [article] = await cms.strapi.documents(ARTICLE).findMany({ filters: { slug: 'phuong-bach-dang-ra-quan-lam-sach-duong-pho' } });
    await cms.strapi.documents(ARTICLE).update({ documentId: article!.documentId, data: { lead: 'Bản nháp chưa duyệt' } as never });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await status();
    expect(after.history.length).toBe(before.history.length);
    expect(after.state).toBe('idle');
  });

  it('keeps the live site when a broken entry fails the build, and says which entry', async () => {
    const before = await status();
    const [broken] = await cms.strapi.db.query(ARTICLE).findMany({ where: { slug: 'phuong-bach-dang-ra-quan-lam-sach-duong-pho', publishedAt: { $notNull: true } } });
    await cms.strapi.db.query(ARTICLE).update({ where: { id: broken.id }, data: { viewCount: -3, updatedAt: new Date() } });
    await fetch(`${hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    const after = await settled(before.history.length + 1);
    expect(after.history[0]).toMatchObject({ ok: false });
    expect(after.history[0]!.error).toContain(`Strapi articles entry ${broken.documentId}: field "viewCount"`);
    expect(after.current).toBe(before.current);
    expect((await fetch(`${siteUrl}/tin-tuc/phuong-bach-dang-ra-quan-lam-sach-duong-pho/`)).status).toBe(200);
  }, 300_000);
});
