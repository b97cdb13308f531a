/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledPublishing } from '../../../cms/src/scheduling/run-scheduled-publishing.js';
import { buildCmsAdmin, cmsBuildLogFile } from '../../../scripts/lib/cms-admin-build.js';
import { adminLogin, createAdminUser, TEST_PASSWORD } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { rest } from '../../helpers/rest.js';
import { startLivePublisher, type LivePublisher } from '../../helpers/live-publisher.js';
import { startPreviewServer, type TestPreviewServer } from '../../helpers/preview-server.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SECRET = 'rebuild-secret-for-the-editor-workflow';
const PREVIEW_SECRET = 'preview-secret-for-the-editor-workflow';
const ARTICLE = 'api::article.article';
const BUILD_SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY'];
// `npm run docs:screenshots` writes them into the editor guide; otherwise they are thrown away.
const shots = process.env.GUIDE_SCREENSHOTS_DIR ? path.resolve(process.env.GUIDE_SCREENSHOTS_DIR) : mkdtempSync(path.join(os.tmpdir(), 'guide-'));

/**
 * The editors' day in the real admin, in Chromium and in Vietnamese: an author writes a
 * draft and previews it; an editor changes the sample article, previews and publishes it;
 * the publisher rebuilds and the public site shows it. The screenshots illustrate docs/.
 */
describe('the editors’ workflow in the real admin', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let live: LivePublisher;
  let preview: TestPreviewServer | undefined;
  let browser: Browser;

  async function logIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    // Where the district's editors are: times in the admin read as they enter them.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    return { context, page };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });

  /** Past the login form, without Strapi's one-time "new Media Library" announcement. */
  async function submitLogin(page: Page): Promise<void> {
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/admin\/?$/);
    const announcement = page.getByRole('button', { name: /Đóng thông báo/ });
    await announcement.waitFor({ timeout: 5000 }).then(() => announcement.click(), () => undefined);
  }

  beforeAll(async () => {
    // `strapi build` loads the config, which requires the secrets (none is baked into the admin).
    await buildCmsAdmin({ env: Object.fromEntries(BUILD_SECRETS.map((name) => [name, process.env[name] || `build-only-${name}`])) });
    mkdirSync(shots, { recursive: true });
    const [hooksPort, previewPort] = [await freePort(), await freePort()];
    const previewUrl = `http://127.0.0.1:${previewPort}`;
    db = sqliteDatabase();
    cms = await bootStrapi(
      db,
      { REBUILD_SECRET: SECRET, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi`, PREVIEW_SECRET, PREVIEW_URL: previewUrl },
      { serveAdminPanel: true },
    );
    await createAdminUser(cms, { code: 'strapi-author', email: 'tacgia@hbt.example.vn', firstname: 'Lan', lastname: 'HBT' });
    await createAdminUser(cms, { code: 'strapi-editor', email: 'bientap@hbt.example.vn', firstname: 'Minh', lastname: 'HBT' });

    live = await startLivePublisher({ cmsUrl: () => cms.url, siteToken: () => cms.siteToken, secret: SECRET, hooksPort });
    await fetch(`${live.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });

    preview = await startPreviewServer({ cms, secret: PREVIEW_SECRET, port: previewPort, siteUrl: live.siteUrl });
    browser = await launchBrowser();
    await live.settled(1);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await live?.stop();
    await cms?.stop();
    await db?.drop();
    for (const name of ['REBUILD_SECRET', 'PUBLISHER_HOOK_URL', 'PREVIEW_SECRET', 'PREVIEW_URL']) delete process.env[name];
  });

  it('builds the admin panel without a warning', () => {
    expect(existsSync(cmsBuildLogFile)).toBe(true);
    const log = readFileSync(cmsBuildLogFile, 'utf8');
    expect(log).toContain('Building admin panel');
    expect(log.split('\n').filter((line) => /warn|⚠/i.test(line))).toEqual([]);
  });

  it('lets an author write a draft and see it in the site’s own page before anyone publishes it', async () => {
    const { context, page } = await logIn('tacgia@hbt.example.vn');
    await shot(page, '01-dang-nhap');
    await submitLogin(page);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ARTICLE}/create`);
    const title = 'Phường Bạch Mai ra quân tổng vệ sinh môi trường';
    await page.locator('textarea[name="title"]').fill(title);
    await expect.poll(() => page.getByTestId('article-warnings').innerText()).toContain('Chưa có ảnh bìa');
    await page.locator('textarea[name="lead"]').fill('Sáng 6/3, hơn 500 người dân tham gia làm sạch ngõ phố.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/api::article\.article\/(?!create)[a-z0-9]+/);
    await expect.poll(() => page.getByTestId('article-warnings').innerText()).not.toContain('Chưa có tóm tắt');
    expect(await page.locator('input[name="slug"]').inputValue()).toBe('phuong-bach-mai-ra-quan-tong-ve-sinh-moi-truong');
    await shot(page, '02-viet-bai-nhap');

    await page.getByRole('link', { name: 'Mở bản xem trước' }).or(page.getByRole('button', { name: 'Mở bản xem trước' })).first().click();
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('h1').first().innerText(), { timeout: 15_000 }).toBe(title);
    expect(await frame.locator('.preview-notice').textContent()).toContain('Bản xem trước');
    await shot(page, '03-xem-truoc');
    expect((await fetch(`${live.siteUrl}/tin-tuc/phuong-bach-mai-ra-quan-tong-ve-sinh-moi-truong/`)).status).toBe(404);
    await context.close();
  });

  it('lets an editor change the sample article, preview it, publish it, and the public site follows', async () => {
    const sample = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published', fields: ['title', 'slug'] }))!;
    const { context, page } = await logIn('bientap@hbt.example.vn');
    await submitLogin(page);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ARTICLE}/${sample.documentId}`);
    const title = page.locator('textarea[name="title"]');
    // Both wait on a round trip to the CMS, which can take longer than the default second on a busy machine.
    await expect.poll(() => title.inputValue(), { timeout: 15_000 }).toBe(sample.title);
    const newTitle = `${sample.title} (cập nhật)`;
    await title.fill(newTitle);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Xuất bản', exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await shot(page, '04-sua-bai-mau');

    await page.getByRole('link', { name: 'Mở bản xem trước' }).or(page.getByRole('button', { name: 'Mở bản xem trước' })).first().click();
    await expect.poll(() => page.frameLocator('iframe').locator('h1').first().innerText(), { timeout: 15_000 }).toBe(newTitle);
    await shot(page, '05-xem-truoc-bai-mau');
    await page.goBack();

    const builds = (await live.status()).history.length;
    await page.getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await shot(page, '06-xuat-ban');

    const status = await context.newPage();
    await status.goto(live.hooksUrl);
    await shot(status, '07-trang-thai-dang-xay-dung');
    await live.settled(builds + 1);
    await status.reload();
    expect(await status.locator('body').innerText()).toContain('Thành công');
    await shot(status, '08-trang-thai-xong');

    const site = await context.newPage();
    await site.goto(`${live.siteUrl}/tin-tuc/${sample.slug}/`);
    expect(await site.locator('h1').first().innerText()).toBe(newTitle);
    await shot(site, '09-trang-cong-khai');
    await context.close();
  });

  it('lets an editor schedule the author’s draft; it goes live on time and the site rebuilds', async () => {
    const slug = 'phuong-bach-mai-ra-quan-tong-ve-sinh-moi-truong';
    const draft = (await cms.strapi.documents(ARTICLE).findFirst({ filters: { slug } }))!;
    const at = new Date(Date.now() + 60 * 60_000);
    at.setSeconds(0, 0);
    const scheduled = await rest(`${cms.url}/content-manager/collection-types/${ARTICLE}/${draft.documentId}`, {
      method: 'PUT',
      token: await adminLogin(cms, 'bientap@hbt.example.vn'),
      body: { publishAt: at.toISOString() },
    });
    expect(scheduled.status).toBe(200);

    const { context, page } = await logIn('bientap@hbt.example.vn');
    await submitLogin(page);
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ARTICLE}`);
    const row = page.getByRole('row').filter({ hasText: 'Phường Bạch Mai' });
    await expect.poll(() => row.innerText()).toContain(String(at.getFullYear()));
    await shot(page, '10-hen-gio-xuat-ban');
    await context.close();

    const builds = (await live.status()).history.length;
    expect((await runScheduledPublishing(cms.strapi, new Date(at.getTime() - 60_000))).published).toEqual([]);
    expect((await runScheduledPublishing(cms.strapi, at)).published).toEqual([draft.documentId]);
    await live.settled(builds + 1);
    const page2 = await fetch(`${live.siteUrl}/tin-tuc/${slug}/`);
    expect(page2.status).toBe(200);
    expect(await page2.text()).toContain('Phường Bạch Mai ra quân tổng vệ sinh môi trường');
  });
});
