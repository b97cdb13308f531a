/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { ENGAGEMENT_MANIFEST, FORM_REPLY_PATHS, SITE_PATHS, typeListingPath } from '../../../cms/src/content-model/urls.js';
import { ENGAGEMENT_TABLES } from '../../../cms/src/engagement/engagement-tables.js';
import { generateCorpus } from '../../../scripts/corpus/generate-corpus.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { launchBrowser } from '../../helpers/browser.js';
import { startEngagementProcess, type EngagementProcess } from '../../helpers/engagement-process.js';
import { releasePublisherDir, serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

/** A citizen's browser: headless Chromium says "HeadlessChrome", which isbot rightly takes for a robot that must not count. */
const READER = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' };
const SAMPLE = '/tin-tuc/quan-uy-hdnd-ubnd-uy-ban-mttq-viet-nam-quan-hai-ba-trung-to-chuc-hoi-nghi-tong-ket-phong-trao-thi-dua-nam-2020-va-trien-khai-cong-tac-thi-dua-nam-2021/';

describe('the public site in a real browser', () => {
  let db: TestDatabase;
  let engagement: EngagementProcess;
  let manifest: { key: string; path: string }[];
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

    // The real engagement service behind the public server, as `npm start` runs them.
    const questionTokenFile = path.join(site.outDir, '..', 'question-token');
    writeFileSync(questionTokenFile, `${cms.questionToken}\n`, { mode: 0o600 });
    engagement = await startEngagementProcess({
      ...db.env,
      PUBLISHER_DIR: releasePublisherDir(site),
      ENGAGEMENT_FLUSH_MS: '100',
      STRAPI_URL: cms.url,
      QUESTION_TOKEN_FILE: questionTokenFile,
      // A light proof of work: the widget's real solve in Chromium, in a second or so.
      ALTCHA_COST: '100',
      ALTCHA_MAX_COUNTER: '2000',
    });
    release = await serveAsRelease(site, [cms.url], { engagementUrl: engagement.url });
    base = release.base;
    manifest = (JSON.parse(readFileSync(path.join(release.outDir, ENGAGEMENT_MANIFEST), 'utf8')) as { pages: { key: string; path: string }[] }).pages;

    const sitemap = readFileSync(path.join(release.outDir, 'sitemap-0.xml'), 'utf8');
    sitemapUrls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
    await engagement?.stop();
    await cms?.stop();
    await db?.drop();
  });

  it('takes a reader from home to the article, an official, the key tasks, the gallery and search', async () => {
    page = await browser.newPage(READER);
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${base}/`);
    await page.getByRole('link', { name: /Quận ủy - HĐND - UBND/ }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Hội nghị tổng kết phong trào thi đua năm 2020');
    // A new reader: the release says 825, the live count after load one more.
    await expect.poll(() => page.locator('[data-view-count]').textContent(), { timeout: 10_000 }).toBe('Lượt xem: 826');

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

  describe('engagement through the real service', () => {
    const knex = () => cms.strapi.db.connection;
    const keyOf = (url: string) => manifest.find((p) => p.path === url)!.key;
    const pathOf = (type: string) => manifest.find((p) => p.key.startsWith(`${type}:`))!.path;
    const views = async (key: string) => Number((await knex()(ENGAGEMENT_TABLES.pageViews).where({ page_key: key }).first())?.views ?? 0);

    it('counts a reader once a day: a reload shows the same number and counts nothing', async () => {
      const reader = await browser.newPage(READER);
      const live = reader.waitForResponse((response) => response.url().includes('/tuong-tac/luot-xem'));
      await reader.goto(`${base}${SAMPLE}`);
      expect((await live).status()).toBe(200);
      await expect.poll(() => reader.locator('[data-view-count]').textContent()).toBe('Lượt xem: 826');
      await expect.poll(() => views(keyOf(SAMPLE))).toBe(1);
      await reader.close();
    });

    it('thanks a rating inline with JavaScript, and takes one a day per page', async () => {
      const reader = await browser.newPage(READER);
      await reader.goto(`${base}${SAMPLE}`);
      await reader.getByLabel('Lý do (không bắt buộc)').selectOption('de-hieu');
      await reader.getByLabel(/Góp ý thêm/).fill('Bài viết rõ ràng, cảm ơn.');
      await reader.getByRole('button', { name: 'Có', exact: true }).click();
      const status = reader.locator('[data-rating-status]');
      await expect.poll(() => status.textContent()).toContain('Cảm ơn bạn đã đánh giá');
      expect(await reader.locator('form[data-rating-form]').count()).toBe(0);
      expect(reader.url()).toBe(`${base}${SAMPLE}`);
      const key = keyOf(SAMPLE);
      const ratings = await knex()(ENGAGEMENT_TABLES.ratings).where({ page_key: key });
      expect(ratings.map((r: { useful: unknown; reason: unknown }) => [Boolean(r.useful), r.reason])).toEqual([[true, 'de-hieu']]);
      const comments = await knex()(ENGAGEMENT_TABLES.ratingComments).where({ page_key: key });
      expect(comments.map((c: { comment: string; status: string }) => [c.comment, c.status])).toEqual([['Bài viết rõ ràng, cảm ơn.', 'new']]);

      await reader.reload();
      await reader.getByRole('button', { name: 'Không', exact: true }).click();
      await expect.poll(() => status.textContent()).toBe('Bạn đã đánh giá trang này hôm nay.');
      expect(await knex()(ENGAGEMENT_TABLES.ratings).where({ page_key: key })).toHaveLength(1);
      await reader.close();
    });

    it('takes a rating and counts a view without JavaScript: the form posts and lands on the thank-you page', async () => {
      const context = await browser.newContext({ ...READER, javaScriptEnabled: false });
      const reader = await context.newPage();
      const procedure = pathOf('procedure');
      await reader.goto(`${base}${procedure}`);
      await reader.getByRole('button', { name: 'Không', exact: true }).click();
      await reader.waitForURL((url) => url.pathname === FORM_REPLY_PATHS.ratingThanks);
      expect(await reader.locator('h1').textContent()).toBe('Cảm ơn bạn đã đánh giá');
      const ratings = await knex()(ENGAGEMENT_TABLES.ratings).where({ page_key: keyOf(procedure) });
      expect(ratings.map((r: { useful: unknown }) => Boolean(r.useful))).toEqual([false]);

      // The <noscript> image counts the visit instead of the beacon.
      const document = pathOf('legal-document');
      await reader.goto(`${base}${document}`);
      await expect.poll(() => views(keyOf(document)), { timeout: 10_000 }).toBe(1);
      expect(await reader.locator('[data-view-count]').textContent()).toMatch(/^Lượt xem: \d+$/);
      await context.close();
    });
  });

  it('sends a question with JavaScript: the widget proves the work in the browser, the CMS files a draft', async () => {
    const reader = await browser.newPage(READER);
    const errors: string[] = [];
    reader.on('pageerror', (error) => errors.push(error.message));
    await reader.goto(`${base}/hoi-dap/gui-cau-hoi/`);
    await reader.getByLabel('Chủ đề').selectOption('hanh_chinh');
    const text = `Xin hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì? ${Date.now()}`;
    await reader.getByLabel(/^Câu hỏi/).fill(text);
    await reader.getByText('Tôi không phải là robot').click();
    await expect
      .poll(() => reader.evaluate(() => (document.querySelector('altcha-widget') as unknown as { getState(): string }).getState()), { timeout: 30_000 })
      .toBe('verified');
    await reader.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await reader.waitForURL((url) => url.pathname === '/hoi-dap/da-gui/', { timeout: 15_000 });
    const filed = await cms.strapi.documents('api::question.question').findMany({ status: 'draft', filters: { question: text } });
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ topic: 'hanh_chinh', publishedAt: null });
    expect(errors).toEqual([]);
    await reader.close();
  }, 90_000);

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
    const listings = [typeListingPath(profile), SITE_PATHS.leaders, SITE_PATHS.contact, typeListingPath(notice), typeListingPath(procedure), SITE_PATHS.siteMap, SITE_PATHS.accessibility, SITE_PATHS.ratings, SITE_PATHS.english];
    expect(sitemapUrls).toEqual(expect.arrayContaining(listings));
    for (const root of [typeListingPath(profile), SITE_PATHS.leaders, typeListingPath(notice), typeListingPath(procedure)]) {
      expect(sitemapUrls.some((url) => url.startsWith(root) && url !== root && !url.startsWith(`${root}trang/`)), `an entry under ${root}`).toBe(true);
    }
    expect(await axeViolations(page, base, sitemapUrls)).toEqual([]);
  }, 300_000);
});
