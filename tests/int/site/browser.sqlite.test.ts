/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { SITE_PATHS, typeListingPath } from '../../../cms/src/content-model/urls.js';
import { generateCorpus } from '../../../scripts/corpus/generate-corpus.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { launchBrowser } from '../../helpers/browser.js';
import { serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

describe('the public site in a real browser', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let release: ServedRelease;
  let base: string;
  let browser: Browser;
  let page: Page;
  let sitemapUrls: string[];

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const images = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } });
    await generateCorpus(cms.strapi, { articles: 8, categories: 2, people: 5, imageIds: images.map((f: { id: number }) => f.id) });
    const site = await siteBuilder(() => cms.url, () => cms.siteToken)();
    if (!site.ok) throw new Error(site.log);

    release = await serveAsRelease(site, [cms.url]);
    base = release.base;

    const sitemap = readFileSync(path.join(release.outDir, 'sitemap-0.xml'), 'utf8');
    sitemapUrls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
    await cms?.stop();
    await db?.drop();
  });

  it('takes a reader from home to the article, an official, the key tasks, the gallery and search', async () => {
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${base}/`);
    await page.getByRole('link', { name: /Quận ủy - HĐND - UBND/ }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Hội nghị tổng kết phong trào thi đua năm 2020');
    expect(await page.locator('main').textContent()).toContain('Lượt xem: 825');

    await page.getByRole('link', { name: /Nguyễn Mạnh Quyền/ }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Nguyễn Mạnh Quyền');

    await page.getByRole('navigation', { name: /chính/i }).getByRole('link', { name: 'Nhiệm vụ' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('2021');

    await page.getByRole('navigation', { name: /chính/i }).getByRole('link', { name: 'Thư viện ảnh' }).click();
    await page.getByRole('link', { name: /Một số hình ảnh tại Hội nghị/ }).first().click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Quang cảnh Hội nghị tổng kết');

    await page.getByRole('navigation', { name: /chính/i }).getByRole('link', { name: 'Tìm kiếm' }).click();
    for (const query of ['hoi nghi', 'hội nghị']) {
      await page.locator('#search input').fill(query);
      await expect
        .poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 10_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining('Hội nghị tổng kết phong trào thi đua')]));
    }
    // The generated articles are of 2019, the sample one of 2021: two index shards, merged in the page.
    await page.locator('#search input').fill('to chuc nam 2019');
    await expect
      .poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/tổ chức .* năm 2019/)]));
    expect(errors).toEqual([]);
  }, 120_000);

  it('lets a reader enlarge the text, and remembers it', async () => {
    await page.goto(`${base}/tin-tuc/`);
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await size();
    await page.getByRole('button', { name: /tăng cỡ chữ/ }).click();
    expect(await size()).toBeGreaterThan(before);
    await page.reload();
    expect(await size()).toBeGreaterThan(before);
    await page.getByRole('button', { name: /cỡ chữ mặc định/ }).click();
    expect(await size()).toBe(before);
  });

  it('prints an article without navigation', async () => {
    await page.goto(`${base}/tin-tuc/`);
    await page.getByRole('link', { name: /Quận ủy - HĐND - UBND/ }).first().click();
    await page.emulateMedia({ media: 'print' });
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    expect(await visible('nav')).toBe(false);
    expect(await visible('footer')).toBe(false);
    expect(await visible('h1')).toBe(true);
    expect(await visible('article img')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('finds no WCAG 2.1 AA violation on any page of the sitemap', async () => {
    page ??= await browser.newPage();
    expect(sitemapUrls.length).toBeGreaterThan(20);
    // The unit's own pages are listed, so the run covers them: each listing and one entry of each.
    const { page: profile, notice, procedure } = CONTENT_TYPES;
    const listings = [typeListingPath(profile), SITE_PATHS.leaders, SITE_PATHS.contact, typeListingPath(notice), typeListingPath(procedure), SITE_PATHS.siteMap, SITE_PATHS.accessibility, SITE_PATHS.english];
    expect(sitemapUrls).toEqual(expect.arrayContaining(listings));
    for (const root of [typeListingPath(profile), SITE_PATHS.leaders, typeListingPath(notice), typeListingPath(procedure)]) {
      expect(sitemapUrls.some((url) => url.startsWith(root) && url !== root && !url.startsWith(`${root}trang/`)), `an entry under ${root}`).toBe(true);
    }
    expect(await axeViolations(page, base, sitemapUrls)).toEqual([]);
  }, 300_000);
});
