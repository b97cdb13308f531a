/// <reference lib="dom" />
import { XMLParser } from 'fast-xml-parser';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { axeViolations } from '../../helpers/axe-violations.js';
import { launchBrowser } from '../../helpers/browser.js';
import { serveAsRelease, type ServedRelease } from '../../helpers/served-release.js';
import { attachmentFile, documentType, publishDocument } from '../../helpers/legal-documents.js';
import { readPage, siteBuilder } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

// Bodies and fields of this test's own, apart from whatever the sample import brings.
const BODY = 'UBND phường Minh Khai (thử)';
const ROUTINE_BODY = 'Phòng Văn hóa và Thông tin (thử)';
const AREA = 'Quản lý chợ (thử)';
const ROUTINE = 22;
const OLD = { number: '12/2021/QĐ-UBND', slug: '12-2021-qd-ubnd', summary: 'Ban hành Quy chế quản lý chợ truyền thống trên địa bàn phường Minh Khai' };
const NEW = { number: '15/2023/QĐ-UBND', slug: '15-2023-qd-ubnd' };
const NEAR_MISS = { number: '12/2022/QĐ-UBND', slug: '12-2022-qd-ubnd' };

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

/**
 * Văn bản on the public site: a real CMS with documents of its own (a replaced one with its
 * files, related news and key tasks, its replacement, a near miss of its number, and enough
 * routine ones to page), built by the real site, served as the publisher serves a release.
 */
describe('legal documents on the site', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let outDir: string;
  let release: ServedRelease;
  let base: string;
  let browser: Browser;
  let page: Page;
  let sample: { documentId: string; slug: string; title: string };
  let task: { documentId: string; title: string };
  let quietArticle: string;

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const { strapi } = cms;
    const decision = await documentType(strapi, 'Quyết định', 2);
    const plan = await documentType(strapi, 'Kế hoạch', 4);
    sample = (await strapi.documents('api::article.article').findFirst({ status: 'published', fields: ['slug', 'title'], sort: 'postedAt:desc' })) as never;
    task = (await strapi.documents('api::resolution-task.resolution-task').findFirst({ fields: ['title'] })) as never;
    quietArticle = (
      await strapi.documents('api::article.article').create({ status: 'published', data: { title: 'Tin không dẫn văn bản nào', body: 'Nội dung.' } as never })
    ).slug as string;

    const replacement = await publishDocument(strapi, {
      number: NEW.number,
      documentType: decision.documentId,
      issuingBody: BODY,
      signer: 'Trần Thị Thu',
      signerPosition: 'Chủ tịch UBND phường',
      issuedAt: '2023-05-10',
      effectiveAt: '2023-05-25',
      summary: 'Ban hành Quy chế quản lý chợ (thay thế Quyết định 12/2021/QĐ-UBND)',
      subjectArea: AREA,
    });
    await publishDocument(strapi, {
      number: OLD.number,
      documentType: decision.documentId,
      issuingBody: BODY,
      signer: 'Nguyễn Văn Hùng',
      signerPosition: 'Phó Chủ tịch UBND phường',
      issuedAt: '2021-03-15',
      effectiveAt: '2021-04-01',
      validity: 'replaced',
      replacedBy: replacement.documentId,
      summary: OLD.summary,
      subjectArea: AREA,
      attachments: [
        await attachmentFile(strapi, 'quyet-dinh-12-2021.pdf', 'application/pdf', 245.3),
        await attachmentFile(strapi, 'phu-luc-quy-che.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 1228.8),
      ],
      articles: [sample.documentId],
      tasks: [task.documentId],
    });
    await publishDocument(strapi, {
      number: NEAR_MISS.number,
      documentType: plan.documentId,
      issuingBody: BODY,
      issuedAt: '2022-01-20',
      summary: 'Kế hoạch tổng vệ sinh môi trường đầu năm',
      subjectArea: 'Môi trường (thử)',
    });
    for (let i = 1; i <= ROUTINE; i += 1) {
      await publishDocument(strapi, {
        number: `${i}/2011/QĐ-VHTT`,
        documentType: decision.documentId,
        issuingBody: ROUTINE_BODY,
        issuedAt: `2011-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        summary: `Quyết định về công tác thông tin cơ sở số ${i}`,
        subjectArea: 'Thông tin cơ sở (thử)',
      });
    }

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

  const routineBody = `/van-ban/co-quan/${vietnameseSlug(ROUTINE_BODY)}/`;
  const PAGES = {
    listing: '/van-ban/',
    listingPage2: '/van-ban/trang/2/',
    detail: `/van-ban/${OLD.slug}/`,
    replacement: `/van-ban/${NEW.slug}/`,
    type: '/van-ban/loai/quyet-dinh/',
    typePage2: '/van-ban/loai/quyet-dinh/trang/2/',
    year: '/van-ban/nam/2021/',
    routineYear: '/van-ban/nam/2011/',
    routineYearPage2: '/van-ban/nam/2011/trang/2/',
    body: `/van-ban/co-quan/${vietnameseSlug(BODY)}/`,
    routineBodyPage2: `${routineBody}trang/2/`,
    area: `/van-ban/linh-vuc/${vietnameseSlug(AREA)}/`,
  };

  it.each(Object.entries(PAGES))('builds %s: %s', (_name, url) => {
    expect(existsSync(path.join(outDir, url, 'index.html'))).toBe(true);
  });

  it('lists the documents newest issued first, 20 a page', () => {
    const numbers = (url: string) => [...readPage(outDir, url).matchAll(/<h2 class="title"[^>]*>\s*<a href="\/van-ban\/([^/"]+)\/"/g)].map((m) => m[1]);
    const first = numbers(PAGES.listing);
    expect(first).toHaveLength(20);
    expect(first.indexOf(NEW.slug)).toBeLessThan(first.indexOf(NEAR_MISS.slug));
    expect(first.indexOf(NEAR_MISS.slug)).toBeLessThan(first.indexOf(OLD.slug));
    expect(numbers(PAGES.listingPage2).length).toBeGreaterThan(0);
    expect(numbers(PAGES.routineYear)).toHaveLength(20);
    expect(numbers(PAGES.routineYearPage2)).toHaveLength(ROUTINE - 20);
    expect(readPage(outDir, PAGES.routineYear)).toMatch(/href="\/van-ban\/nam\/2011\/trang\/2\/"/);
  });

  it('offers every facet value with its count on /van-ban/, as plain links', () => {
    const html = readPage(outDir, PAGES.listing);
    const nav = text(html.slice(html.indexOf('aria-label="Lọc văn bản"'), html.indexOf('</nav>', html.indexOf('aria-label="Lọc văn bản"'))));
    for (const heading of ['Loại văn bản', 'Năm ban hành', 'Cơ quan ban hành', 'Lĩnh vực']) expect(nav).toContain(heading);
    for (const [url, count] of [
      [PAGES.routineYear, ROUTINE],
      [PAGES.body, 3],
      [routineBody, ROUTINE],
      [PAGES.area, 2],
    ] as const) {
      expect(html).toMatch(new RegExp(`<a href="${url}"[^>]*>[^<]+</a> <span class="meta"[^>]*>\\(${count}\\)</span>`));
    }
  });

  it.each([
    [PAGES.year, [OLD.number], [NEW.number]],
    [PAGES.body, [OLD.number, NEW.number, NEAR_MISS.number], ['2011/QĐ-VHTT']],
    [PAGES.area, [OLD.number, NEW.number], [NEAR_MISS.number]],
    ['/van-ban/loai/ke-hoach/', [NEAR_MISS.number], [OLD.number]],
  ])('the facet %s lists its documents and no other', (url, present, absent) => {
    const page = text(readPage(outDir, url));
    for (const number of present) expect(page).toContain(number);
    for (const number of absent) expect(page).not.toContain(number);
  });

  describe('a document page shows every field', () => {
    const html = () => readPage(outDir, PAGES.detail);
    it.each([
      ['the type and number as its title', /<h1[^>]*>Quyết định 12\/2021\/QĐ-UBND<\/h1>/],
      ['the summary', new RegExp(OLD.summary)],
      ['the issuing body, linked to its facet', new RegExp(`<a href="${PAGES.body}"[^>]*>${BODY.replace(/[()]/g, '\\$&')}</a>`)],
      ['the field, linked to its facet', new RegExp(`<a href="${PAGES.area}"`)],
      ['the signer and the position at signing', /Nguyễn Văn Hùng[\s\S]*Phó Chủ tịch UBND phường/],
      ['the issued date', /<dt[^>]*>Ngày ban hành<\/dt>\s*<dd[^>]*>\s*<time datetime="2021-03-15T00:00:00\+07:00"[^>]*>15\/03\/2021<\/time>/],
      ['the effective date', /<dt[^>]*>Ngày có hiệu lực<\/dt>\s*<dd[^>]*><time datetime="2021-04-01T00:00:00\+07:00"[^>]*>01\/04\/2021<\/time>/],
      ['the status', /Bị thay thế/],
      ['the replacing document, linked', new RegExp(`<dt[^>]*>Văn bản thay thế</dt>\\s*<dd[^>]*><a href="/van-ban/${NEW.slug}/"[^>]*>Quyết định ${NEW.number}</a>`)],
      ['the PDF with its format and size', /quyet-dinh-12-2021\.pdf<\/a> <span class="meta"[^>]*>\(PDF, 245 KB\)/],
      ['the DOCX with its format and size', /phu-luc-quy-che\.docx<\/a> <span class="meta"[^>]*>\(DOCX, 1,2 MB\)/],
      ['the related news, linked', () => new RegExp(`<a href="/tin-tuc/${sample.slug}/"`)],
      ['the key task it gives rise to', () => new RegExp(task.title.slice(0, 40).replace(/[()]/g, '\\$&'))],
      ['its type in the breadcrumbs', /<a href="\/van-ban\/loai\/quyet-dinh\/"[^>]*>Quyết định<\/a>/],
    ])('%s', (_name, expected) => {
      const pattern = typeof expected === 'function' ? expected() : expected;
      expect(html()).toMatch(pattern);
    });

    it('carries Legislation JSON-LD', () => {
      const ld = jsonLd(html()).find((x) => x['@type'] === 'Legislation');
      expect(ld).toMatchObject({
        legislationIdentifier: OLD.number,
        legislationType: 'Quyết định',
        legislationDate: '2021-03-15',
        legislationLegalForce: 'https://schema.org/NotInForce',
        legislationPassedBy: { '@type': 'GovernmentOrganization', name: BODY },
        inLanguage: 'vi',
      });
      expect(jsonLd(html()).map((x) => x['@type'])).toContain('BreadcrumbList');
    });
  });

  it('links the replacement back to what it replaces, and says it is in force', () => {
    const html = readPage(outDir, PAGES.replacement);
    expect(html).toMatch(new RegExp(`Thay thế văn bản[\\s\\S]*<a href="/van-ban/${OLD.slug}/"[^>]*>Quyết định ${OLD.number}</a>`));
    expect(text(html)).toContain('Còn hiệu lực');
    const ld = jsonLd(html).find((x) => x['@type'] === 'Legislation')!;
    expect(ld.legislationLegalForce).toBe('https://schema.org/InForce');
    expect(ld.legislationChanges).toEqual([expect.objectContaining({ legislationIdentifier: OLD.number })]);
  });

  it("lists the documents an article cites on the article's page, and nothing on one that cites none", () => {
    const cited = readPage(outDir, `/tin-tuc/${sample.slug}/`);
    expect(cited).toMatch(new RegExp(`Văn bản liên quan[\\s\\S]*<a href="/van-ban/${OLD.slug}/"`));
    const quiet = readPage(outDir, `/tin-tuc/${quietArticle}/`);
    expect(quiet).not.toContain('Văn bản liên quan');
    expect(quiet).not.toContain('/van-ban/1');
  });

  it('has "Văn bản" in the main navigation, current on its pages', () => {
    expect(readPage(outDir, '/')).toMatch(/<a href="\/van-ban\/"[^>]*>\s*Văn bản\s*<\/a>/);
    expect(readPage(outDir, PAGES.detail)).toMatch(/<a href="\/van-ban\/"[^>]*aria-current="page"/);
  });

  it('lists every document page in the sitemap, with its lastmod', () => {
    const xml = readFileSync(path.join(outDir, 'sitemap-0.xml'), 'utf8');
    const urls = [new XMLParser().parse(xml).urlset.url].flat() as { loc: string; lastmod?: string }[];
    const byPath = new Map(urls.map((u) => [decodeURI(new URL(u.loc).pathname), u]));
    for (const slug of [OLD.slug, NEW.slug, NEAR_MISS.slug, '1-2011-qd-vhtt', '22-2011-qd-vhtt']) {
      expect(byPath.get(`/van-ban/${slug}/`)?.lastmod, slug).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    for (const url of Object.values(PAGES)) expect(byPath.has(url), url).toBe(true);
  });

  it.each([
    ['its number as written', OLD.number],
    ['its number typed in lower case without diacritics', '12/2021/qd-ubnd'],
    ['its summary without diacritics', 'quy che quan ly cho truyen thong'],
  ])('search finds the document by %s', async (_name, query) => {
    await page.goto(`${base}/tim-kiem/`);
    await page.locator('#search input').fill(query);
    await expect
      .poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(`Quyết định ${OLD.number}`)]));
    const results = await page.locator('.pagefind-ui__result-link').allTextContents();
    expect(results.filter((title) => title.includes(NEAR_MISS.number))).toEqual([]);
  });

  it('finds no WCAG 2.1 AA violation on any page of the family', async () => {
    expect(await axeViolations(page, base, [...Object.values(PAGES), `/tin-tuc/${sample.slug}/`])).toEqual([]);
  }, 120_000);
});
