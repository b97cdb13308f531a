/// <reference lib="dom" />
import { XMLParser } from 'fast-xml-parser';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { SITE_PATHS, entryPath, leaderPath, typeListingPath } from '../../../cms/src/content-model/urls.js';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { readPage as readBuiltPage, siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import sample from '../../../cms/src/seed/sample-profile.json' with { type: 'json' };

/** A built page without Astro's scoping attributes (`data-astro-cid-…`), which say nothing about content. */
const readPage = (outDir: string, url: string) => readBuiltPage(outDir, url).replace(/ data-astro-cid-[\w-]+(="[^"]*")?/g, '');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Astro escapes text and attributes; the sample's apostrophes and ampersands come out as entities. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');

const [chair, vice, viceWithoutEnglish] = sample.leaders.map((l) => ({ ...l, slug: vietnameseSlug(l.fullName) }));
const PROFILE = typeListingPath(CONTENT_TYPES.page);
const pagePath = (key: string) => entryPath(CONTENT_TYPES.page, key);
/** What the chair was when they attended these events: not their position today. */
const EARLIER_POSITION = 'Phó Chủ tịch UBND phường (khi đó)';

interface Settings {
  agencyName?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  officeHours?: string | null;
  spokespersonName?: string | null;
  spokespersonTitle?: string | null;
  spokespersonPhone?: string | null;
  spokespersonEmail?: string | null;
  infoRequestContact?: string | null;
  englishProfile?: string | null;
  map?: { alt: string } | null;
}

/**
 * The unit's own pages on the public site: Giới thiệu as a tree, the leaders with the events
 * they attended, the contact page and the English page, built by the real site from a real
 * CMS with the sample import, served as the publisher serves a release.
 */
describe("the unit's profile, leaders, contacts and English page on the site", () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let outDir: string;
  let release: ServedRelease;
  let base: string;
  let browser: Browser;
  let settings: Settings;
  const events = { older: '', newer: '' };

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const { strapi } = cms;
    const chairId = (await strapi.documents(CONTENT_TYPES.attendee.uid as 'api::attendee.attendee').findFirst({ filters: { slug: chair!.slug } }))!.documentId;
    const article = (title: string, postedAt: string, position: string) =>
      strapi.documents('api::article.article').create({
        status: 'published',
        data: { title, postedAt, body: 'Dữ liệu kiểm thử.', attendees: [{ person: chairId, position }] } as never,
      });
    events.older = (await article('Hội nghị thử năm 2025 có lãnh đạo phường dự', '2025-09-10T09:00:00+07:00', EARLIER_POSITION)).slug as string;
    events.newer = (await article('Buổi tiếp công dân thử năm 2026', '2026-03-02T09:00:00+07:00', chair!.currentPosition)).slug as string;
    settings = (await strapi.documents('api::site-setting.site-setting').findFirst({ populate: { map: true } })) as unknown as Settings;

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

  const URLS = [
    PROFILE,
    ...sample.pages.map((p) => pagePath(p.key)),
    SITE_PATHS.leaders,
    ...[chair, vice, viceWithoutEnglish].map((l) => leaderPath(l!.slug)),
    SITE_PATHS.contact,
    SITE_PATHS.english,
  ];

  it.each(URLS)('builds %s', (url) => {
    expect(existsSync(path.join(outDir, decodeURI(url), 'index.html'))).toBe(true);
  });

  it('lists every new page in the sitemap', () => {
    const xml = readFileSync(path.join(outDir, 'sitemap-0.xml'), 'utf8');
    const urls = new Set(([new XMLParser().parse(xml).urlset.url].flat() as { loc: string }[]).map((u) => decodeURI(new URL(u.loc).pathname)));
    for (const url of URLS) expect(urls.has(url), url).toBe(true);
  });

  describe('Giới thiệu', () => {
    it('lists the top-level pages in order, each with its summary, and the map as a nested item under natural conditions', () => {
      const page = readPage(outDir, PROFILE);
      const top = sample.pages.filter((p) => !('parent' in p)).sort((a, b) => a.order - b.order);
      const positions = top.map((p) => page.indexOf(`href="${pagePath(p.key)}"`));
      expect(positions.every((at) => at > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const p of top) expect(page).toContain(html(p.summary));
      const natural = page.slice(positions[1], positions[2]);
      expect(natural).toMatch(new RegExp(`<ul[^>]*>\\s*<li[^>]*>\\s*<a href="${pagePath('ban-do-hanh-chinh')}"[^>]*>Bản đồ hành chính</a>`));
    });

    it('renders the structure as nested lists, three levels deep', () => {
      const page = readPage(outDir, pagePath('co-cau-to-chuc'));
      expect(page).toMatch(/<li>Lãnh đạo Ủy ban nhân dân phường\s*<ul>\s*<li>Chủ tịch<\/li>\s*<li>Các Phó Chủ tịch<\/li>\s*<\/ul>/);
      expect(page).toMatch(/<li>Văn phòng HĐND và UBND phường\s*<ul>\s*<li>Bộ phận tổng hợp, hành chính<\/li>/);
      expect(text(page)).toContain('Dữ liệu mẫu');
    });

    it('shows a page with its image (alt from the photo, caption) and breadcrumbs through its parent', () => {
      const mapPage = sample.pages.find((p) => p.key === 'ban-do-hanh-chinh') as { image: { alt: string; caption: string } };
      const page = readPage(outDir, pagePath('ban-do-hanh-chinh'));
      expect(page).toMatch(new RegExp(`<figure[^>]*>[\\s\\S]*<img[^>]+alt="${escape(html(mapPage.image.alt))}"[\\s\\S]*<figcaption[^>]*>\\s*${escape(mapPage.image.caption)}`));
      const crumbs = page.slice(page.indexOf('aria-label="Đường dẫn"'), page.indexOf('</nav>', page.indexOf('aria-label="Đường dẫn"')));
      expect(text(crumbs).trim()).toMatch(/Trang chủ\s+Giới thiệu\s+Điều kiện tự nhiên, diện tích và dân số\s+Bản đồ hành chính$/);
      expect(crumbs).toContain(`href="${pagePath('dieu-kien-tu-nhien-dien-tich-dan-so')}"`);
    });

    it("lists a page's subpages on it", () => {
      const page = readPage(outDir, pagePath('dieu-kien-tu-nhien-dien-tich-dan-so'));
      expect(page).toMatch(new RegExp(`Trong mục này[\\s\\S]*<a href="${pagePath('ban-do-hanh-chinh')}"`));
    });
  });

  describe('Lãnh đạo', () => {
    it('lists the current leaders in order, each with position, duties, a tel: and a mailto: link and their page', () => {
      const page = readPage(outDir, SITE_PATHS.leaders);
      const order = [chair, vice, viceWithoutEnglish].map((l) => page.indexOf(`href="${leaderPath(l!.slug)}"`));
      expect(order.every((at) => at > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      for (const leader of [chair, vice, viceWithoutEnglish]) {
        expect(page).toContain(`href="tel:${leader!.officePhone.replace(/\D/g, '')}">${leader!.officePhone}</a>`);
        expect(page).toContain(`href="mailto:${leader!.officialEmail}">${leader!.officialEmail}</a>`);
        expect(page).toContain(leader!.duties);
      }
      expect(text(page)).toContain(chair!.currentPosition);
    });

    it('leaves out people who are not current leaders', () => {
      expect(readPage(outDir, SITE_PATHS.leaders)).not.toContain('Nguyễn Quang Trung');
      expect(existsSync(path.join(outDir, 'lanh-dao', 'nguyen-quang-trung'))).toBe(false);
    });

    it("a leader's page: today's position, bio, and the events attended newest first with the position held at each", () => {
      const page = readPage(outDir, leaderPath(chair!.slug));
      const body = text(page);
      expect(body).toMatch(new RegExp(`Chức vụ hiện nay ${escape(chair!.currentPosition)}`));
      expect(body).toContain('Người mẫu do cổng thông tin tạo ra');
      const newer = page.indexOf(`/tin-tuc/${events.newer}/`);
      const older = page.indexOf(`/tin-tuc/${events.older}/`);
      expect(newer).toBeGreaterThan(0);
      expect(older).toBeGreaterThan(newer);
      expect(text(page.slice(older))).toContain(`Chức vụ khi tham dự: ${EARLIER_POSITION}`);
      expect(body).not.toMatch(new RegExp(`Chức vụ hiện nay ${escape(EARLIER_POSITION)}`));
    });

    it("the person page links a current leader to their leader page, and no one else's", () => {
      expect(readPage(outDir, entryPath(CONTENT_TYPES.attendee, chair!.slug))).toContain(`href="${leaderPath(chair!.slug)}"`);
      expect(readPage(outDir, entryPath(CONTENT_TYPES.attendee, 'nguyen-quang-trung'))).not.toContain('Lãnh đạo đơn vị');
    });
  });

  it('Liên hệ shows every contact the settings hold, with tel:, mailto: and a map link, and the map image with its alt', () => {
    const page = readPage(outDir, SITE_PATHS.contact);
    const body = text(page);
    const texts = [settings.address, settings.officeHours, settings.spokespersonName, settings.spokespersonTitle, settings.infoRequestContact].filter(Boolean) as string[];
    expect(texts.length).toBeGreaterThan(0);
    for (const value of texts) expect(body).toContain(text(html(value)));
    for (const phone of [settings.phone, settings.spokespersonPhone].filter(Boolean) as string[]) expect(page).toContain(`href="tel:${phone.replace(/\D/g, '')}"`);
    for (const email of [settings.email, settings.spokespersonEmail].filter(Boolean) as string[]) expect(page).toContain(`href="mailto:${email}"`);
    if (settings.address) expect(page).toContain(`href="https://www.openstreetmap.org/search?query=${html(encodeURIComponent(settings.address))}"`);
    if (settings.map) expect(page).toMatch(new RegExp(`<img[^>]+alt="${escape(html(settings.map.alt))}"`));
    const ld = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    expect(ld.find((x) => x['@type'] === 'GovernmentOrganization')).toMatchObject({ name: settings.agencyName, telephone: settings.phone, email: settings.email });
    // No third-party script: a map is a picture and a link.
    expect(page).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
  });

  it('/en/ is in English (lang="en"), with the profile, the leaders in English or, failing that, in Vietnamese marked so, and the contacts', () => {
    const page = readPage(outDir, SITE_PATHS.english);
    expect(page).toMatch(/<main[^>]*>\s*<div lang="en"/);
    if (settings.englishProfile) expect(text(page)).toContain(text(html(settings.englishProfile.split('\n')[0]!)));
    expect(page).toContain(html(chair!.positionEnglish!));
    expect(page).toContain(html(vice!.positionEnglish!));
    expect(page).toMatch(new RegExp(`<span lang="vi">${escape(viceWithoutEnglish!.currentPosition)}</span>`));
    if (settings.phone) expect(page).toContain(`href="tel:${settings.phone.replace(/\D/g, '')}"`);
    expect(page).toMatch(/<html lang="vi"/);
  });

  it.each([
    ['its title without diacritics', 'co cau to chuc', 'Cơ cấu tổ chức'],
    ['a word of its body', 'Trưng Trắc', 'Lịch sử hình thành'],
  ])('search finds a profile page by %s', async (_name, query, title) => {
    const page = await browser.newPage();
    await page.goto(`${base}/tim-kiem/`);
    await page.locator('#search input').fill(query);
    await expect
      .poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(title)]));
    await page.close();
  });

  it('without a spokesperson, hours, map, information-request contact or English profile, Liên hệ and /en/ still build, leaving them out', async () => {
    const SETTINGS = 'api::site-setting.site-setting';
    const current = (await cms.strapi.documents(SETTINGS).findFirst())!;
    const cleared = { officeHours: null, spokespersonName: null, spokespersonTitle: null, spokespersonPhone: null, spokespersonEmail: null, infoRequestContact: null, englishProfile: null, map: null };
    await cms.strapi.documents(SETTINGS).update({ documentId: current.documentId, data: cleared as never });
    const site = await siteBuilder(() => cms.url, () => cms.siteToken)();
    expect(site.ok, site.log).toBe(true);
    const contact = readPage(site.outDir, SITE_PATHS.contact);
    for (const heading of ['Người phát ngôn', 'Đầu mối tiếp nhận yêu cầu cung cấp thông tin', 'Bản đồ vị trí', 'Giờ làm việc']) expect(contact).not.toContain(`>${heading}<`);
    if (settings.phone) expect(contact).toContain(`href="tel:${settings.phone.replace(/\D/g, '')}"`);
    const english = readPage(site.outDir, SITE_PATHS.english);
    expect(english).toContain('An English profile is not available yet.');
    expect(english).not.toContain('Spokesperson');
  }, 300_000);

  it('finds no WCAG 2.1 AA violation on the new pages', async () => {
    const page = await browser.newPage();
    expect(await axeViolations(page, base, URLS)).toEqual([]);
  }, 180_000);
});
