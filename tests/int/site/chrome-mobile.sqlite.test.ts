/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sample from '../../../cms/src/seed/sample-content.json' with { type: 'json' };
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = `/tin-tuc/${vietnameseSlug(sample.article.title)}/`;
/** Pages whose heading a phone reader must see without scrolling past the site's chrome. */
const PAGES = ['/tin-tuc/', ARTICLE, '/van-ban/', '/nhiem-vu/', '/dai-bieu/', '/thu-vien-anh/', '/tim-kiem/'];
const PHONE = { width: 360, height: 740 };
/** Less than half of the phone's screen goes to the header, the menu button, the slogan and the breadcrumbs. */
const MAX_HEADING_TOP = 300;

/**
 * The header, menu and footer as the sample's phường Hai Bà Trưng prints them, on a 360-px
 * phone and on a desktop, in a real browser against a release served as the publisher serves it.
 */
describe('the site chrome on a phone and a desktop', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let release: ServedRelease;
  let base: string;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const site = await siteBuilder(() => cms.url, () => cms.siteToken)();
    if (!site.ok) throw new Error(site.log);
    release = await serveAsRelease(site, [cms.url]);
    base = release.base;
    browser = await launchBrowser();
    phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    page = await phone.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
    await cms?.stop();
    await db?.drop();
  });

  const nav = () => page.getByRole('navigation', { name: 'Điều hướng chính' });

  it.each(PAGES)('shows the heading of %s in the upper part of a 360×740 screen', async (url) => {
    await page.goto(`${base}${url}`);
    const top = await page.locator('main h1').first().evaluate((h1) => h1.getBoundingClientRect().top);
    // On failure, where the height went.
    const heights = await page.evaluate(() =>
      Array.from(document.body.children).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().height)}`),
    );
    expect(top, heights.join('; ')).toBeLessThan(MAX_HEADING_TOP);
  });

  it('heads every page with the emblem, the parent unit, the agency and the site name', async () => {
    await page.goto(`${base}/tin-tuc/`);
    const brand = page.getByRole('banner').getByRole('link').first();
    await expect.poll(() => brand.getAttribute('href')).toBe('/');
    const emblem = brand.getByRole('img');
    expect(await emblem.getAttribute('alt')).toBe(sample.settingsImages.emblem.alt);
    expect(await emblem.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const text = (await brand.innerText()).replace(/\s+/g, ' ');
    for (const name of [sample.settings.parentUnit, sample.settings.agencyName, sample.settings.portalName]) expect(text.toLowerCase()).toContain(name.toLowerCase());
  });

  it('folds the menu behind "Danh mục" on a phone, and opens it by touch', async () => {
    await page.goto(`${base}/tin-tuc/`);
    const toggle = nav().getByText('Danh mục');
    expect(await toggle.isVisible()).toBe(true);
    expect(await nav().getByRole('link', { name: 'Văn bản' }).isVisible()).toBe(false);
    await toggle.tap();
    for (const name of ['Trang chủ', 'Giới thiệu', 'Tin tức', 'Thông báo', 'Văn bản', 'Thủ tục hành chính', 'Lãnh đạo', 'Liên hệ', 'Sơ đồ trang', 'Tìm kiếm']) {
      expect(await nav().getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    }
    await nav().getByRole('link', { name: 'Văn bản' }).tap();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Văn bản');
  });

  it('opens the menu and follows a link with the keyboard alone', async () => {
    await page.goto(`${base}/tin-tuc/`);
    // Tab from the top: skip link, the brand, then the menu button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Danh mục');
    await page.keyboard.press('Enter');
    expect(await nav().getByRole('link', { name: 'Trang chủ' }).isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Trang chủ');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/gioi-thieu/`);
  });

  it('shows the whole menu, without the button, on a desktop', async () => {
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await desktop.goto(`${base}/tin-tuc/`);
    const wide = desktop.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await wide.getByText('Danh mục').isVisible()).toBe(false);
    expect(await wide.getByRole('link', { name: 'Thủ tục hành chính' }).isVisible()).toBe(true);
    expect(await wide.getByRole('link', { name: 'Tin tức' }).getAttribute('aria-current')).toBe('page');
    await desktop.close();
  });

  it('signs every page with the unit, the person responsible, the licence and the contacts, and links the legal pages', async () => {
    await page.goto(`${base}${ARTICLE}`);
    const footer = page.getByRole('contentinfo');
    const text = (await footer.innerText()).replace(/\s+/g, ' ');
    const { agencyName, responsiblePerson, licence, address, phone: tel, email } = sample.settings;
    expect(text.toLowerCase()).toContain(agencyName.toLowerCase());
    for (const expected of [`Chịu trách nhiệm chính: ${responsiblePerson}`, licence, address, tel, email, 'Giờ làm việc']) expect(text).toContain(expected);
    const links = footer.getByRole('navigation', { name: 'Liên kết chân trang' }).getByRole('link');
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/lien-he/',
      '/so-do-trang/',
      '/tro-nang/',
      '/danh-gia/',
      '/en/',
      '/rss.xml',
      '/du-lieu-mo/',
    ]);
  });

  it('credits the 2021 article to the former district', async () => {
    await page.goto(`${base}${ARTICLE}`);
    expect(await page.locator('article .meta').innerText()).toContain(`Đơn vị đăng tin: ${sample.article.originUnit}`);
  });

  it('names the agency as the publisher in JSON-LD, with the emblem as its logo, and the former district as the 2021 article\'s author', async () => {
    const ld = async (url: string) => {
      const html = await (await fetch(`${base}${url}`)).text();
      return [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]!));
    };
    const article = (await ld(ARTICLE)).find((data) => data['@type'] === 'NewsArticle');
    expect(article.author).toEqual({ '@type': 'GovernmentOrganization', name: sample.article.originUnit });
    const { publisher } = article;
    expect(publisher).toMatchObject({
      '@type': 'GovernmentOrganization',
      name: sample.settings.agencyName,
      telephone: sample.settings.phone,
      email: sample.settings.email,
      address: { streetAddress: sample.settings.address },
      parentOrganization: { name: sample.settings.parentUnit },
    });
    const logo = await fetch(new URL(new URL(publisher.logo).pathname, base));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect((await ld('/')).find((data) => data['@type'] === 'GovernmentOrganization')).toMatchObject({ name: sample.settings.agencyName, logo: publisher.logo });
  });

  it('finds no WCAG 2.1 AA violation on a phone, with the menu closed', async () => {
    expect(await axeViolations(page, base, ['/', ...PAGES])).toEqual([]);
  }, 120_000);
});
