/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { entryPath, typeListingPath } from '../../../cms/src/content-model/urls.js';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { readPage, siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import samples from '../../../cms/src/seed/sample-notices.json' with { type: 'json' };

const NOTICE = CONTENT_TYPES.notice;
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const RUNNING = { title: 'Mất điện trụ sở phường chiều nay (thử)', slug: 'mat-dien-tru-so-phuong-chieu-nay-thu' };
const ENDED = { title: 'Bảo trì hệ thống tuần trước (thử)', slug: 'bao-tri-he-thong-tuan-truoc-thu' };
const LATER = { title: 'Nâng cấp máy chủ tuần sau (thử)', slug: 'nang-cap-may-chu-tuan-sau-thu' };

/**
 * Thông báo on the public site: a real CMS with notices whose banners run now, ended and
 * start later, built by the real site and served as the publisher serves a release.
 */
describe('notices and the alert banner on the site', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let outDir: string;
  let release: ServedRelease;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const create = (data: Record<string, unknown>) => cms.strapi.documents(NOTICE.uid).create({ status: 'published', data: data as never });
    await create({
      ...RUNNING,
      summary: 'Bộ phận một cửa tạm nghỉ.',
      body: 'Bộ phận **một cửa** tạm nghỉ từ 14:00.\n\n<script>alert(1)</script>',
      alertSeverity: 'urgent',
      alertText: 'Bộ phận một cửa tạm nghỉ chiều nay do mất điện (thử).',
      alertStartsAt: hours(-1),
      alertEndsAt: hours(3),
    });
    await create({ ...ENDED, kind: 'downtime', alertSeverity: 'warning', alertText: 'Banner đã hết hạn (thử).', alertStartsAt: hours(-48), alertEndsAt: hours(-24) });
    await create({ ...LATER, kind: 'downtime', alertSeverity: 'info', alertText: 'Banner chưa đến giờ (thử).', alertStartsAt: hours(24), alertEndsAt: hours(30) });

    const site = await siteBuilder(() => cms.url, () => cms.siteToken)();
    if (!site.ok) throw new Error(site.log);
    release = await serveAsRelease(site, [cms.url]);
    ({ outDir, base } = release);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
    await cms?.stop();
    await db?.drop();
  });

  it('lists every notice newest first, with its date and kind, a downtime notice marked', () => {
    const listing = readPage(outDir, typeListingPath(NOTICE));
    const order = [RUNNING.title, ...samples.notices.map((n) => n.title)].map((title) => listing.indexOf(title));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order[0]).toBeLessThan(order[2]!); // created now, before the sample of November
    expect(text(listing)).toContain('Tạm dừng hệ thống');
    expect(listing).toContain(`href="${entryPath(NOTICE, ENDED.slug)}"`);
    expect(listing).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/);
  });

  it("builds a notice's page: title, posted date, sanitised body, the banner's window", () => {
    const html = readPage(outDir, entryPath(NOTICE, RUNNING.slug));
    expect(html).toMatch(new RegExp(`<h1[^>]*>${RUNNING.title.replace(/[()]/g, '\\$&')}</h1>`));
    expect(html).toContain('<strong>một cửa</strong>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(text(html)).toMatch(/Băng cảnh báo \(khẩn\) trên mọi trang của cổng: từ \d{2}\/\d{2}\/\d{4} \| \d{2}:\d{2} đến/);
    for (const sample of samples.notices) expect(readPage(outDir, entryPath(NOTICE, vietnameseSlug(sample.title))).length).toBeGreaterThan(0);
  });

  it('puts the notices in the sitemap', () => {
    const sitemap = readFileSync(path.join(outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`${typeListingPath(NOTICE)}</loc>`);
    expect(sitemap).toContain(`${entryPath(NOTICE, RUNNING.slug)}</loc>`);
  });

  it('shows on every page only the banner that runs at build time, urgent as an alert, linking to its notice', () => {
    for (const url of ['/', '/tin-tuc/', typeListingPath(NOTICE), entryPath(NOTICE, LATER.slug)]) {
      const html = readPage(outDir, url);
      expect(text(html), url).toContain('Khẩn: Bộ phận một cửa tạm nghỉ chiều nay do mất điện (thử). Xem thông báo');
      expect(html, url).toContain('Khẩn:</strong> Bộ phận một cửa');
      expect(html, url).toMatch(/role="alert"[^>]*data-alert-key="[^"]+@/);
      expect(html, url).toContain(`href="${entryPath(NOTICE, RUNNING.slug)}"`);
      expect(html, url).not.toContain('Banner đã hết hạn (thử).');
      expect(html, url).not.toContain('Banner chưa đến giờ (thử).');
      for (const sample of samples.notices) if ('alertText' in sample) expect(html, url).not.toContain(sample.alertText as string);
    }
  });

  it('reads without JavaScript, and with it a reader dismisses the banner until the notice changes', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${base}/`);
    expect(await plain.getByRole('alert').innerText()).toContain('Bộ phận một cửa tạm nghỉ');
    expect(await plain.getByRole('button', { name: /Ẩn cảnh báo/ }).count()).toBe(0);
    await noScript.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const dismiss = page.getByRole('button', { name: `Ẩn cảnh báo: ${RUNNING.title}` });
    await dismiss.click();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.goto(`${base}${typeListingPath(NOTICE)}`);
    expect(await page.getByRole('alert').count()).toBe(0);
    // A new version of the notice (another updatedAt) shows the banner again.
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('alert-dismissed:'))!);
    await page.evaluate((k) => {
      localStorage.removeItem(k);
      localStorage.setItem(k.replace(/@.*/, '@1999-01-01T00:00:00.000Z'), '1');
    }, key);
    await page.reload();
    expect(await page.getByRole('alert').isVisible()).toBe(true);
    await context.close();
  });

  it('search finds a notice by a word of its body typed without diacritics', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/tim-kiem/`);
    await page.locator('#search input').fill('mot cua tam nghi');
    await expect
      .poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(RUNNING.title)]));
    await page.close();
  });

  it('finds no axe violations on the notice pages and a page with the banner', async () => {
    const page = await browser.newPage();
    const urls = [typeListingPath(NOTICE), entryPath(NOTICE, RUNNING.slug), entryPath(NOTICE, ENDED.slug), '/'];
    expect(await axeViolations(page, base, urls)).toEqual([]);
    await page.close();
  });
});
