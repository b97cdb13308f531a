/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES, CONTENT_TYPES, SITE_PATHS, entryPath, typeListingPath } from '../../../site/src/lib/content-model.js';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { ACCESSIBILITY_REVIEWED } from '../../../site/src/lib/accessibility-review.js';
import { formatDay } from '../../../site/src/lib/document-format.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { launchBrowser } from '../../helpers/browser.js';
import { serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { readPage, siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import samples from '../../../cms/src/seed/sample-procedures.json' with { type: 'json' };
import sampleContent from '../../../cms/src/seed/sample-content.json' with { type: 'json' };

const LISTING = typeListingPath(CONTENT_TYPES.procedure);
const BIRTH = samples.procedures.find((p) => p.name === 'Đăng ký khai sinh')!;
const BIRTH_PAGE = entryPath(CONTENT_TYPES.procedure, vietnameseSlug(BIRTH.name));
const COPY = samples.procedures.find((p) => p.subjectArea === 'Chứng thực')!;
const vietnamese = new Intl.Collator('vi');

const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

/** Thủ tục hành chính, the HTML site map and the accessibility statement, built by the real site from a real CMS with the sample content. */
describe('procedures, the site map and the accessibility statement on the site', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let outDir: string;
  let release: ServedRelease;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const site = await siteBuilder(() => cms.url, () => cms.siteToken)();
    if (!site.ok) throw new Error(site.log);
    release = await serveAsRelease(site, [cms.url]);
    ({ outDir, base } = release);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
    await cms?.stop();
    await db?.drop();
  });

  it('lists the procedures by field: a heading per field in Vietnamese order, each with its procedures, codes and levels', async () => {
    await page.goto(`${base}${LISTING}`);
    const groups = await page.locator('main section').evaluateAll((sections) =>
      sections.map((s) => ({
        field: s.querySelector('h2')!.textContent!.trim(),
        names: Array.from(s.querySelectorAll('li > a')).map((a) => a.textContent!.trim()),
        text: s.textContent!.replace(/\s+/g, ' '),
      })),
    );
    const fields = [...new Set(samples.procedures.map((p) => p.subjectArea))].sort(vietnamese.compare);
    expect(groups.map((g) => g.field)).toEqual(fields);
    for (const group of groups) {
      const expected = samples.procedures.filter((p) => p.subjectArea === group.field);
      expect(group.names.sort(vietnamese.compare)).toEqual(expected.map((p) => p.name).sort(vietnamese.compare));
      for (const p of expected) expect(group.text).toContain(p.code);
    }
    expect(groups.find((g) => g.field === 'Hộ tịch')!.text).toContain('Dịch vụ công trực tuyến toàn trình');
    // The jump list leads to each field's heading.
    const jumps = await page.locator('nav.fields a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(jumps).toEqual(fields.map((f) => `#linh-vuc-${vietnameseSlug(f)}`));
  });

  it("shows a procedure's page: every field in words, its body, and the link to file online on the national portal", async () => {
    await page.goto(`${base}${BIRTH_PAGE}`);
    const link = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia' });
    expect(await link.getAttribute('href')).toBe(BIRTH.nationalPortalUrl);
    const details = await page.locator('dl.details').innerText();
    for (const value of [BIRTH.code, BIRTH.subjectArea, 'Dịch vụ công trực tuyến toàn trình', BIRTH.implementingBody, BIRTH.processingTime, BIRTH.fee]) {
      expect(details).toContain(value);
    }
    expect(await page.locator('h1').innerText()).toBe(BIRTH.name);
    expect(await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).count()).toBe(1);
    expect(await page.locator('article').innerText()).toContain('Dữ liệu mẫu');
    const ld = jsonLd(readPage(outDir, BIRTH_PAGE)).find((x) => x['@type'] === 'GovernmentService');
    expect(ld).toMatchObject({ name: BIRTH.name, identifier: BIRTH.code, availableChannel: { serviceUrl: BIRTH.nationalPortalUrl } });
  });

  it.each([
    ['its name without diacritics', 'dang ky khai sinh', BIRTH.name],
    ['its code', COPY.code, COPY.name],
  ])('search finds a procedure by %s', async (_label, query, name) => {
    await page.goto(`${base}${SITE_PATHS.search}`);
    await page.locator('#search input').fill(query);
    await expect
      .poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(name)]));
  });

  it('the site map links every section, each declared type with pages and each site page, and every link leads to a built page', async () => {
    await page.goto(`${base}${SITE_PATHS.siteMap}`);
    const hrefs = await page.locator('main nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (const type of ALL_CONTENT_TYPES.filter((t) => t.urlBase)) {
      expect(hrefs.some((href) => href.startsWith(type.urlBase!)), type.uid).toBe(true);
    }
    for (const [key, url] of Object.entries(SITE_PATHS).filter(([key]) => key !== 'previewRoot' && key !== 'siteMap')) {
      expect(hrefs, key).toContain(url);
    }
    for (const href of hrefs) {
      const file = href.split('#')[0]!;
      expect(existsSync(path.join(outDir, decodeURI(file), file.endsWith('/') ? 'index.html' : '')), href).toBe(true);
    }
    // Nested: a profile page's link sits in a list under the profile's own item.
    const profileChildren = await page
      .locator(`main nav li:has(> a[href="${typeListingPath(CONTENT_TYPES.page)}"]) > ul > li > a`)
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(profileChildren.length).toBeGreaterThan(0);
    expect(profileChildren.every((href) => href!.startsWith(CONTENT_TYPES.page.urlBase!))).toBe(true);
  });

  it('the accessibility statement names the standard, the checks, the gaps, how to report and when it was reviewed', async () => {
    await page.goto(`${base}${SITE_PATHS.accessibility}`);
    const text = await page.locator('main').innerText();
    for (const phrase of ['WCAG', '2.1', 'AA', 'axe', 'bàn phím', 'cỡ chữ', 'PDF', 'Strapi', formatDay(ACCESSIBILITY_REVIEWED)]) expect(text).toContain(phrase);
    expect(await page.locator(`main a[href="mailto:${sampleContent.settings.email}"]`).count()).toBe(1);
    expect(await page.locator(`main a[href="${SITE_PATHS.contact}"]`).count()).toBe(1);
    expect(await page.locator('main time').getAttribute('datetime')).toMatch(new RegExp(`^${ACCESSIBILITY_REVIEWED}`));
  });

  it('finds no WCAG 2.1 AA violation on these pages', async () => {
    expect(await axeViolations(page, base, [LISTING, BIRTH_PAGE, SITE_PATHS.siteMap, SITE_PATHS.accessibility])).toEqual([]);
  }, 120_000);
});
