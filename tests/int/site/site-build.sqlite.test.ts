import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/corpus/generate-corpus.js';
import sample from '../../../cms/src/seed/sample-content.json' with { type: 'json' };
import sampleDocuments from '../../../cms/src/seed/sample-documents.json' with { type: 'json' };
import sampleProcedures from '../../../cms/src/seed/sample-procedures.json' with { type: 'json' };
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { ENGAGEMENT_TABLES, ensureEngagementTables, monthOf, RATING_REASONS, vietnamDay } from '../../../cms/src/engagement/engagement-tables.js';
import { ENGAGEMENT_MANIFEST, ENGAGEMENT_PATHS, FORM_REPLY_PATHS, SITE_PATHS } from '../../../cms/src/content-model/urls.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { executableMarkup } from '../../helpers/executable-markup.js';
import { pageUrls, readPage, siteBuilder, type SiteBuild } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SAMPLE = `/tin-tuc/${'quan-uy-hdnd-ubnd-uy-ban-mttq-viet-nam-quan-hai-ba-trung-to-chuc-hoi-nghi-tong-ket-phong-trao-thi-dua-nam-2020-va-trien-khai-cong-tac-thi-dua-nam-2021'}/`;
const XSS_BODY = [
  '<script>alert("body")</script>',
  '<img src=x onerror=alert(1)>',
  '[bấm vào](javascript:alert(1))',
  '<a href="JaVaScRiPt:alert(2)">liên kết</a>',
  '<svg onload=alert(3)></svg>',
  '<iframe src="https://evil.example"></iframe>',
].join('\n\n');

describe('the site built from a real CMS (sample + 50 generated articles)', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let site: SiteBuild;
  let xssSlug: string;
  /** The engagement the service would have recorded (written straight into its tables). */
  const engaged = { sample: '', unsynced: { documentId: '', viewCount: 0, title: '' }, mostRead: [] as { documentId: string; title: string; slug: string }[], stale: '' };
  const build = siteBuilder(() => cms.url, () => cms.siteToken);

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const images = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } });
    await generateCorpus(cms.strapi, { articles: 50, categories: 2, people: 12, imageIds: images.map((f: { id: number }) => f.id) });
    const xss = await cms.strapi.documents('api::article.article').create({
      status: 'published',
      data: { title: 'Tin <script>alert("tiêu đề")</script> thử', body: XSS_BODY, postedAt: '2020-06-01T03:00:00Z' } as never,
    });
    xssSlug = xss.slug as string;
    await recordEngagement();
    // The build machine's time zone must not move "Ngày đăng" off Vietnam's clock.
    process.env.TZ = 'America/New_York';
    site = await build();
    delete process.env.TZ;
    if (!site.ok) throw new Error(site.log);
  }, 600_000);

  /** Views and ratings as the engagement service leaves them, for the CMS's site data to report. */
  async function recordEngagement() {
    const knex = cms.strapi.db.connection;
    await ensureEngagementTables(knex);
    const article = (slug: string) =>
      cms.strapi.db.query('api::article.article').findOne({ where: { slug, publishedAt: { $notNull: true } } }) as Promise<{ documentId: string; title: string; slug: string; viewCount: number }>;
    const [sample, tin4, tin1, tin2, tin5] = await Promise.all([article(SAMPLE.split('/')[2]!), article('tin-4'), article('tin-1'), article('tin-2'), article('tin-5')]);
    engaged.sample = sample.documentId;
    engaged.unsynced = { documentId: tin4.documentId, viewCount: tin4.viewCount, title: tin4.title };
    engaged.mostRead = [tin2, tin1];
    engaged.stale = tin5.title;
    const now = new Date().toISOString();
    const today = vietnamDay();
    // Counted by the service, not yet added into the CMS's viewCount: the page shows both.
    await knex(ENGAGEMENT_TABLES.pageViews).insert({ page_key: `article:${tin4.documentId}`, content_type: 'article', document_id: tin4.documentId, views: 1234, synced: 0, updated_at: now });
    await knex(ENGAGEMENT_TABLES.dailyViews).insert([
      { day: today, page_key: `article:${tin2.documentId}`, views: 40 },
      { day: today, page_key: `article:${tin1.documentId}`, views: 15 },
      // Read a lot, but ten days ago: not this week's.
      { day: vietnamDay(new Date(Date.now() - 10 * 86_400_000)), page_key: `article:${tin5.documentId}`, views: 900 },
    ]);
    const rating = (useful: boolean) => ({ page_key: `article:${sample.documentId}`, content_type: 'article', document_id: sample.documentId, month: monthOf(today), day: today, useful, reason: null, created_at: now });
    await knex(ENGAGEMENT_TABLES.ratings).insert([rating(true), rating(true), rating(true), rating(false)]);
  }

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it.each([
    '/',
    '/tin-tuc/',
    '/tin-tuc/trang/2/',
    '/tin-tuc/trang/3/',
    SAMPLE,
    '/chuyen-muc/tin-hoat-dong/',
    '/chuyen-muc/tin-hoat-dong/trang/2/',
    '/chuyen-muc/kinh-te-xa-hoi/',
    '/dai-bieu/',
    '/dai-bieu/nguyen-manh-quyen/',
    '/nhiem-vu/',
    '/nhiem-vu/2021/',
    '/thu-vien-anh/',
    '/thu-vien-anh/mot-so-hinh-anh-tai-hoi-nghi-tong-ket-phong-trao-thi-dua-nam-2020-va-trien-khai-cong-tac-thi-dua-nam-2021/',
    '/tim-kiem/',
  ])('builds %s', (url) => {
    expect(existsSync(path.join(site.outDir, url, 'index.html'))).toBe(true);
  });

  it.each(['rss.xml', 'sitemap-index.xml', 'robots.txt', '404.html', 'pagefind/pagefind.js', 'pagefind/shards.json'])('writes %s', (file) => {
    expect(existsSync(path.join(site.outDir, file))).toBe(true);
  });

  it.each(['collections', 'content-modules.mjs', 'content-assets.mjs'])('keeps Astro internals (%s) out of the site', (name) => {
    expect(existsSync(path.join(site.outDir, name))).toBe(false);
  });

  it('logs what each loader synced', () => {
    expect(site.log).toMatch(/articles: 52 fetched, 52 changed, 0 removed/);
  });

  describe('the sample article page shows everything the seed has', () => {
    const page = () => readPage(site.outDir, SAMPLE);
    const text = () => page().replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

    it.each([
      ['the title', sample.article.title],
      ['the posted date and time, in Vietnam', 'Ngày đăng 29/01/2021 | 15:53'],
      ['the view count', 'Lượt xem: 825'],
      ['the unit that posted it, the former district', `Đơn vị đăng tin: ${sample.article.originUnit}`],
      ['the lead', 'Ngày 29/01/2021, Quận ủy, HĐND, UBND và ỦY ban MTTQ Việt Nam quận Hai Bà Trưng'],
      ['the cover caption', sample.article.cover.caption],
      ['the body with its own number formats', 'tổng giá trị là 10,235 tỷ đồng'],
      ['the budget figure', 'đạt 12.817 tỷ đồng'],
      ['the closing paragraph', 'Nghị quyết Đại hội Đảng bộ quận - Khóa 26 đề ra'],
      ['the category', 'Tin hoạt động'],
      ['the key tasks heading', 'Nhiệm vụ trọng tâm năm 2021'],
      ['the related articles', 'Tin liên quan'],
      ['the slogan banner', 'KỶ CƯƠNG, TRÁCH NHIỆM, HÀNH ĐỘNG, SÁNG TẠO, PHÁT TRIỂN'],
    ])('%s', (_label, expected) => {
      expect(text()).toContain(expected);
    });

    it('dates the article +07:00 in machine-readable form', () => {
      expect(page()).toContain('datetime="2021-01-29T15:53:00+07:00"');
    });

    it('lists the four officials with the position held at the event, linked to their pages', () => {
      for (const { person, position } of sample.article.attendees) {
        expect(page()).toContain(`href="/dai-bieu/${vietnameseSlug(person)}/"`);
        expect(text()).toContain(position);
      }
    });

    it('numbers the five key tasks in order, in full', () => {
      const values = [...page().matchAll(/<li value="(\d+)"/g)].map((m) => Number(m[1]));
      expect(values).toEqual([1, 2, 3, 4, 5]);
      for (const task of sample.tasks) expect(text()).toContain(task.description.replace(/\s+/g, ' ').trim());
    });

    it('shows the gallery photos with their captions and alt text', () => {
      for (const photo of sample.gallery.photos) {
        expect(text()).toContain(photo.caption);
        expect(page()).toContain(`alt="${photo.alt}"`);
      }
    });

    it('serves responsive images with avif and webp, sized', () => {
      expect(page()).toMatch(/<source[^>]+type="image\/avif"/);
      expect(page()).toMatch(/<source[^>]+type="image\/webp"/);
      expect(page()).toMatch(/<img[^>]+width="\d+"[^>]+height="\d+"|<img[^>]+height="\d+"[^>]+width="\d+"/);
    });

    it('carries NewsArticle and BreadcrumbList JSON-LD, canonical and Open Graph', () => {
      const ld = [...page().matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
      const types = ld.flatMap((x) => (Array.isArray(x) ? x : [x])).map((x) => x['@type']);
      expect(types).toEqual(expect.arrayContaining(['NewsArticle', 'BreadcrumbList']));
      expect(page()).toContain(`<link rel="canonical" href="http://localhost:4321${SAMPLE}"`);
      expect(page()).toMatch(/<meta property="og:title"/);
      expect(page()).toMatch(/<meta name="twitter:card"/);
    });

    it('offers share links and a print button', () => {
      expect(page()).toMatch(/facebook\.com\/sharer/);
      expect(page()).toMatch(/In bài/);
    });
  });

  it('shows an official with every event attended and the position held then', () => {
    const person = readPage(site.outDir, '/dai-bieu/nguyen-manh-quyen/');
    expect(person).toContain('Thành ủy viên, Phó Chủ tịch UBND thành phố');
    expect(person).toContain(`href="${SAMPLE}"`);
  });

  it('lists the key tasks by year with status and source article', () => {
    const tasks = readPage(site.outDir, '/nhiem-vu/2021/');
    expect(tasks).toContain('Chưa thực hiện');
    expect(tasks).toContain(`href="${SAMPLE}"`);
  });

  it("sums each year's key tasks up on the overview, all of them on the year's page", () => {
    const tasksIn = (html: string) => html.match(/<li value="\d+"/g)?.length ?? 0;
    const overview = readPage(site.outDir, '/nhiem-vu/');
    // The generated corpus gives 2019 thirty tasks: the overview shows ten and links to all.
    const section2019 = overview.slice(overview.indexOf('Năm 2019'));
    expect(tasksIn(section2019.slice(0, section2019.indexOf('</section>')))).toBe(10);
    expect(overview).toContain('Xem tất cả 30 nhiệm vụ năm 2019');
    expect(tasksIn(readPage(site.outDir, '/nhiem-vu/2019/'))).toBe(30);
  });

  it('lists every page in the sitemap, and nothing else', () => {
    const parser = new XMLParser();
    const index = parser.parse(readFileSync(path.join(site.outDir, 'sitemap-index.xml'), 'utf8'));
    const sitemaps = [index.sitemapindex.sitemap].flat().map((s: { loc: string }) => new URL(s.loc).pathname);
    const locs = sitemaps.flatMap((file) =>
      [parser.parse(readFileSync(path.join(site.outDir, file), 'utf8')).urlset.url].flat().map((u: { loc: string }) => decodeURI(new URL(u.loc).pathname)),
    );
    // A form's reply page (noindex) is reached only by posting the form.
    const replies = new Set<string>(Object.values(FORM_REPLY_PATHS));
    expect(locs.sort()).toEqual(pageUrls(site.outDir).filter((url) => !replies.has(url)));
    expect(locs).toContain(SITE_PATHS.ratings);
  });

  it('gives article pages a lastmod in the sitemap', () => {
    const xml = readFileSync(path.join(site.outDir, 'sitemap-0.xml'), 'utf8');
    expect(xml).toMatch(new RegExp(`${SAMPLE.replace(/\//g, '\\/')}</loc><lastmod>\\d{4}-\\d\\d-\\d\\dT`));
  });

  it('writes an RSS feed that parses as XML, newest first', () => {
    const xml = readFileSync(path.join(site.outDir, 'rss.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const items = new XMLParser().parse(xml).rss.channel.item as Array<{ pubDate: string }>;
    const dates = items.map((i) => Date.parse(i.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('turns an XSS article into inert text', () => {
    const page = readPage(site.outDir, `/tin-tuc/${xssSlug}/`);
    expect(executableMarkup(page)).toEqual([]);
    expect(page).toMatch(/<h1[^>]*>Tin &lt;script&gt;alert\(&quot;tiêu đề&quot;\)&lt;\/script&gt; thử<\/h1>/);
  });

  it.each(['/', '/tin-tuc/', SAMPLE, '/dai-bieu/', '/nhiem-vu/', '/thu-vien-anh/', '/tim-kiem/'])('%s has no executable markup from content', (url) => {
    expect(executableMarkup(readPage(site.outDir, url))).toEqual([]);
  });

  describe('engagement: view counts, the rating form, Đọc nhiều, the ratings summary', () => {
    type Manifest = { version: number; pages: { key: string; path: string; title: string; views?: number }[] };
    const manifest = () => JSON.parse(readFileSync(path.join(site.outDir, ENGAGEMENT_MANIFEST), 'utf8')) as Manifest;
    const keyed = (key: string) => manifest().pages.find((p) => p.key === key);

    it('writes the manifest of every article, Văn bản, gallery and procedure page, each a page of the build', () => {
      const { version, pages } = manifest();
      expect(version).toBe(1);
      const types = pages.map((p) => p.key.split(':')[0]);
      expect(types.filter((t) => t === 'article')).toHaveLength(52);
      expect(types.filter((t) => t === 'legal-document')).toHaveLength(sampleDocuments.documents.length);
      expect(types.filter((t) => t === 'procedure')).toHaveLength(sampleProcedures.procedures.length);
      expect(types).toContain('photo-gallery');
      expect(new Set(types)).toEqual(new Set(['article', 'legal-document', 'photo-gallery', 'procedure']));
      for (const page of pages) expect(existsSync(path.join(site.outDir, decodeURI(page.path), 'index.html')), page.path).toBe(true);
      expect(keyed(`article:${engaged.sample}`)).toEqual({ key: `article:${engaged.sample}`, path: SAMPLE, title: sample.article.title, views: 825 });
      expect(pages.filter((p) => p.key.startsWith('procedure:')).every((p) => p.views === undefined)).toBe(true);
    });

    it("prints the count as the seed does, with the beacon for visitors without JavaScript", () => {
      const html = readPage(site.outDir, SAMPLE);
      const key = `article:${engaged.sample}`;
      expect(html).toContain(`<span data-view-count="${key}">Lượt xem: 825</span>`);
      expect(html).toMatch(new RegExp(`<noscript><img[^>]+src="${ENGAGEMENT_PATHS.viewImage}\\?k=${encodeURIComponent(key)}"[^>]*alt=""[^>]*></noscript>`));
      expect(html).toMatch(/<script type="module" src="\/_astro\/[\w.-]+\.js"><\/script>/);
    });

    it('shows the CMS count plus what the service counted since, with a thousands dot', () => {
      const page = keyed(`article:${engaged.unsynced.documentId}`)!;
      const views = engaged.unsynced.viewCount + 1234;
      expect(page.views).toBe(views);
      expect(readPage(site.outDir, page.path)).toContain(`Lượt xem: ${new Intl.NumberFormat('vi-VN').format(views)}</span>`);
    });

    it('counts and shows views on Văn bản and gallery pages too', () => {
      for (const type of ['legal-document', 'photo-gallery']) {
        const page = manifest().pages.find((p) => p.key.startsWith(`${type}:`))!;
        expect(page.views).toEqual(expect.any(Number));
        expect(readPage(site.outDir, page.path)).toContain(`<span data-view-count="${page.key}">Lượt xem: ${page.views}</span>`);
      }
    });

    it('asks for a rating on article, Văn bản and procedure pages, not on a gallery', () => {
      for (const type of ['article', 'legal-document', 'procedure', 'photo-gallery']) {
        const page = manifest().pages.find((p) => p.key.startsWith(`${type}:`))!;
        const html = readPage(site.outDir, page.path);
        const form = /<form method="post" action="([^"]+)"[^>]*data-rating-form[^>]*>([\s\S]*?)<\/form>/.exec(html);
        if (type === 'photo-gallery') {
          expect(form, page.path).toBeNull();
          continue;
        }
        expect(form?.[1], page.path).toBe(ENGAGEMENT_PATHS.rate);
        const body = form![2]!;
        expect(body).toContain(`<input type="hidden" name="k" value="${page.key}"`);
        expect(body).toMatch(/<legend[^>]*>Thông tin này có hữu ích với bạn không\?<\/legend>/);
        expect(body).toMatch(/<button type="submit" name="huu-ich" value="co"[^>]*>Có<\/button>/);
        expect(body).toMatch(/<button type="submit" name="huu-ich" value="khong"[^>]*>Không<\/button>/);
        const options = [...body.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
        expect(options.slice(1)).toEqual(Object.entries(RATING_REASONS));
        expect(body).toMatch(/<label for="rating-reason"/);
        expect(body).toMatch(/<select id="rating-reason" name="ly-do"/);
        expect(body).toMatch(/<label for="rating-comment"/);
        expect(body).toMatch(/<textarea id="rating-comment" name="gop-y"[^>]*maxlength="500"/);
        expect(body).toContain('không lưu thông tin cá nhân');
        expect(html).toMatch(/role="status"[^>]*data-rating-status/);
      }
    });

    it('lists the week\'s most-read articles on the home page and the news, most read first', () => {
      for (const url of ['/', '/tin-tuc/']) {
        const html = readPage(site.outDir, url);
        const box = /<ol class="most-read"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
        expect(html).toContain('Đọc nhiều');
        expect([...box.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(engaged.mostRead.map((a) => `/tin-tuc/${a.slug}/`));
        expect(box).not.toContain(engaged.stale);
      }
    });

    it('sums the ratings up per section and month on /danh-gia/, linked from every footer and the site map', () => {
      const text = readPage(site.outDir, SITE_PATHS.ratings).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      const today = vietnamDay();
      expect(text).toContain('Kết quả đánh giá mức độ hài lòng');
      expect(text).toContain(`Tin tức Tổng cộng 4 lượt đánh giá, 75% thấy hữu ích.`);
      expect(text).toContain(`${today.slice(5, 7)}/${today.slice(0, 4)} 4 3 1 75%`);
      expect(text).toMatch(/Văn bản Chưa có lượt đánh giá nào\./);
      expect(text).toMatch(/Thủ tục hành chính Chưa có lượt đánh giá nào\./);
      expect(readPage(site.outDir, SAMPLE)).toMatch(new RegExp(`<footer[\\s\\S]*href="${SITE_PATHS.ratings}"`));
      expect(readPage(site.outDir, SITE_PATHS.siteMap)).toContain(`href="${SITE_PATHS.ratings}"`);
    });

    it('thanks a rating sent without JavaScript on a noindex page that links home', () => {
      const html = readPage(site.outDir, FORM_REPLY_PATHS.ratingThanks);
      expect(html).toContain('<meta name="robots" content="noindex"');
      expect(html).toMatch(/<h1[^>]*>Cảm ơn bạn đã đánh giá<\/h1>/);
      expect(html).toContain(`href="${SITE_PATHS.home}"`);
    });
  });

  it('fails the build on a broken entry, naming its documentId and field', async () => {
    const [victim] = await cms.strapi.db.query('api::article.article').findMany({ where: { slug: 'tin-3', publishedAt: { $notNull: true } } });
    await cms.strapi.db.query('api::article.article').update({ where: { id: victim.id }, data: { viewCount: -5, updatedAt: new Date() } });
    const broken = await build();
    expect(broken.ok).toBe(false);
    expect(broken.log).toContain(victim.documentId);
    expect(broken.log).toContain('viewCount');
  }, 300_000);
});
