import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERED_WITHOUT_RENDERER } from '../../../scripts/publisher/incremental/site-builder.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { startLivePublisher, type LivePublisher } from '../../helpers/live-publisher.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SECRET = 'end-to-end-rebuild-secret';
const ARTICLE = 'api::article.article';

/** The site renderer processes (scripts/publisher/renderer/) this test's publisher started. */
function rendererPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('render-process.ts') ? [Number(pid)] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

/**
 * Editors publish in a real Strapi; its stored webhook reaches the publisher over HTTP; the
 * publisher builds the real site, checks it, swaps it live and serves it.
 */
describe('publish to live, end to end', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let live: LivePublisher;
  let hooksUrl: string;
  let siteUrl: string;

  const status = () => live.status();
  const settled = (afterBuilds: number) => live.settled(afterBuilds);

  beforeAll(async () => {
    const hooksPort = await freePort();
    db = sqliteDatabase();
    cms = await bootStrapi(db, { REBUILD_SECRET: SECRET, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi` });
    live = await startLivePublisher({ cmsUrl: () => cms.url, siteToken: () => cms.siteToken, secret: SECRET, hooksPort });
    ({ hooksUrl, siteUrl } = live);
  }, 300_000);

  afterAll(async () => {
    await live?.stop();
    await cms?.stop();
    await db?.drop();
    for (const name of ['REBUILD_SECRET', 'PUBLISHER_HOOK_URL']) delete process.env[name];
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

  it('still puts a change live when the site renderer has died, rendering in a process of its own', async () => {
    const renderers = rendererPids();
    expect(renderers).toHaveLength(1);
    process.kill(renderers[0]!, 'SIGKILL');
    const builds = (await status()).history.length;
    const article = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Phường Lê Đại Hành tổ chức ngày hội đọc sách' } as never });
    await cms.strapi.documents(ARTICLE).publish({ documentId: article.documentId });
    const after = await settled(builds + 1);
    const record = after.history[0]!;
    expect(record).toMatchObject({ ok: true, build: { kind: 'incremental' } });
    expect(readFileSync(path.join(live.publisherDir, record.log), 'utf8')).toContain(RENDERED_WITHOUT_RENDERER);
    expect(await (await fetch(`${siteUrl}/tin-tuc/phuong-le-dai-hanh-to-chuc-ngay-hoi-doc-sach/`)).text()).toContain('Phường Lê Đại Hành tổ chức ngày hội đọc sách');
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
    // The view counts the build reads (site data) meet the bad number first; either way the error names the entry and the field.
    expect(after.history[0]!.error).toMatch(new RegExp(`field "viewCounts?\\.?(article:)?${broken.documentId}"|entry ${broken.documentId}: field "viewCount"`));
    expect(after.current).toBe(before.current);
    expect((await fetch(`${siteUrl}/tin-tuc/phuong-bach-dang-ra-quan-lam-sach-duong-pho/`)).status).toBe(200);
  }, 300_000);
});
