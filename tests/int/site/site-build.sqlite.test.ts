import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/corpus/generate-corpus.js';
import sample from '../../../cms/src/seed/sample-content.json' with { type: 'json' };
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
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

/**
 * Markup that would run, found by a real HTML parser: any script but JSON-LD and the site's
 * own files (the CSP forbids inline scripts), event handlers, script URLs, frames.
 */
function executableMarkup(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'script') {
        const own = /^\/(_astro|pagefind|scripts)\/[\w.-]+\.js$/.test(attributes.src ?? '');
        if (!own && attributes.type !== 'application/ld+json') found.push(`<script ${JSON.stringify(attributes)}>`);
      }
      if (['iframe', 'object', 'embed', 'frame'].includes(name)) found.push(`<${name}>`);
      for (const [attribute, value] of Object.entries(attributes)) {
        if (/^on/i.test(attribute)) found.push(`${name}[${attribute}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute) && /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, ''))) {
          found.push(`${name}[${attribute}=${value}]`);
        }
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

describe('the site built from a real CMS (sample + 50 generated articles)', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let site: SiteBuild;
  let xssSlug: string;
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
    // The build machine's time zone must not move "Ngày đăng" off Vietnam's clock.
    process.env.TZ = 'America/New_York';
    site = await build();
    delete process.env.TZ;
    if (!site.ok) throw new Error(site.log);
  }, 600_000);

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
    expect(locs.sort()).toEqual(pageUrls(site.outDir));
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

  it('fails the build on a broken entry, naming its documentId and field', async () => {
    const [victim] = await cms.strapi.db.query('api::article.article').findMany({ where: { slug: 'tin-3', publishedAt: { $notNull: true } } });
    await cms.strapi.db.query('api::article.article').update({ where: { id: victim.id }, data: { viewCount: -5, updatedAt: new Date() } });
    const broken = await build();
    expect(broken.ok).toBe(false);
    expect(broken.log).toContain(victim.documentId);
    expect(broken.log).toContain('viewCount');
  }, 300_000);
});
