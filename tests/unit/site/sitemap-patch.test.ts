import { Readable } from 'node:stream';
import { SitemapStream, streamToPromise } from 'sitemap';
import { describe, expect, it } from 'vitest';
import { patchSitemap } from '../../../site/integrations/sitemap-patch.js';

const SITE = 'https://hbt.example.vn/';
type Page = [path: string, lastmod?: string];

/** A sitemap file as @astrojs/sitemap writes it: its URLs sorted, through the `sitemap` package's stream. */
async function sitemapOf(pages: Page[]): Promise<string> {
  const items = pages
    .map(([page, lastmod]) => ({ url: new URL(page, SITE).href, ...(lastmod ? { lastmod } : {}) }))
    .sort((a, b) => a.url.localeCompare(b.url, 'en', { numeric: true }));
  const stream = new SitemapStream({ hostname: SITE, xmlns: { news: true, xhtml: true, image: true, video: true } });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** The files a whole build writes: `limit` URLs a file. */
async function wholeSitemap(pages: Page[], limit: number): Promise<string[]> {
  const sorted = [...pages].sort((a, b) => new URL(a[0], SITE).href.localeCompare(new URL(b[0], SITE).href, 'en', { numeric: true }));
  const files: string[] = [];
  for (let i = 0; i < sorted.length; i += limit) files.push(await sitemapOf(sorted.slice(i, i + limit)));
  return files;
}

const LIVE: Page[] = [
  ['/'],
  ['/tin-tuc/'],
  ['/tin-tuc/trang/2/'],
  ['/tin-tuc/trang/9/'],
  ['/tin-tuc/hoi-nghi-tong-ket/', '2026-11-01T02:00:00.000Z'],
  ['/tin-tuc/dai-hoi-dang-bo/', '2026-10-05T09:30:00.000Z'],
  ['/dai-bieu/nguyen-van-a/', '2026-09-01T00:00:00.000Z'],
];

interface Case {
  name: string;
  rendered: Page[];
  gone?: string[];
  limit?: number;
  after: Page[];
}

const cases: Case[] = [
  {
    name: 'an edited article takes its new lastmod',
    rendered: [['/tin-tuc/hoi-nghi-tong-ket/', '2026-12-02T08:00:00.000Z'], ['/tin-tuc/']],
    after: LIVE.map(([page, lastmod]) => (page === '/tin-tuc/hoi-nghi-tong-ket/' ? [page, '2026-12-02T08:00:00.000Z'] : [page, lastmod])),
  },
  {
    name: 'new pages go where the numeric order puts them (page 10 after page 9)',
    rendered: [['/tin-tuc/trang/10/'], ['/tin-tuc/a-moi/', '2026-12-02T08:00:00.000Z']],
    after: [...LIVE, ['/tin-tuc/trang/10/'], ['/tin-tuc/a-moi/', '2026-12-02T08:00:00.000Z']],
  },
  {
    name: 'pages that are gone leave',
    rendered: [['/tin-tuc/']],
    gone: ['/tin-tuc/dai-hoi-dang-bo/', '/tin-tuc/trang/9/'],
    after: LIVE.filter(([page]) => page !== '/tin-tuc/dai-hoi-dang-bo/' && page !== '/tin-tuc/trang/9/'),
  },
  {
    name: 'no page rendered keeps the live sitemap',
    rendered: [],
    after: LIVE,
  },
  {
    name: 'across files of 3 URLs, as many files as before',
    limit: 3,
    rendered: [['/dai-bieu/nguyen-van-a/', '2026-12-01T00:00:00.000Z'], ['/tin-tuc/a-moi/']],
    gone: ['/tin-tuc/trang/2/'],
    after: [...LIVE.filter(([page]) => page !== '/tin-tuc/trang/2/' && page !== '/dai-bieu/nguyen-van-a/'), ['/dai-bieu/nguyen-van-a/', '2026-12-01T00:00:00.000Z'], ['/tin-tuc/a-moi/']],
  },
];

describe('an incremental build’s sitemap, from the live release’s', () => {
  it.each(cases)('$name: the files a whole build writes', async ({ rendered, gone = [], limit = 45_000, after }) => {
    const goneUrls = new Set(gone.map((page) => new URL(page, SITE).href));
    const files = patchSitemap({
      live: await wholeSitemap(LIVE, limit),
      rendered: rendered.length > 0 ? await sitemapOf(rendered) : undefined,
      gone: (url) => goneUrls.has(url),
      limit,
    });
    expect(files).toEqual(await wholeSitemap(after, limit));
  });

  it.each([
    { name: 'the change adds a file', limit: 7, rendered: [['/tin-tuc/a-moi/']] as Page[] },
    { name: 'the change removes a file', limit: 3, rendered: [] as Page[], gone: ['/', '/tin-tuc/'] },
  ])('answers nothing when $name (the index would change)', async ({ limit, rendered, gone = [] }) => {
    const goneUrls = new Set(gone.map((page) => new URL(page, SITE).href));
    const live = await wholeSitemap(LIVE, limit);
    const files = patchSitemap({ live, rendered: rendered.length > 0 ? await sitemapOf(rendered) : undefined, gone: (url) => goneUrls.has(url), limit });
    expect(files).toBeUndefined();
  });

  it.each([
    { name: 'a live file in another format', live: ['<?xml version="1.0"?><urlset><url><loc>https://hbt.example.vn/</loc></url><!-- x --><url><loc>https://hbt.example.vn/a/</loc></url></urlset>'] },
    { name: 'a live file with no entry', live: ['<?xml version="1.0"?><urlset></urlset>'] },
    { name: 'no live file', live: [] },
  ])('answers nothing for $name', async ({ live }) => {
    expect(patchSitemap({ live, rendered: await sitemapOf([['/a/']]), gone: () => false, limit: 45_000 })).toBeUndefined();
  });

  it('answers nothing when the rendered entries are written with other namespaces', async () => {
    const stream = new SitemapStream({ hostname: SITE, xmlns: { news: false, xhtml: true, image: true, video: true } });
    const other = (await streamToPromise(Readable.from([{ url: `${SITE}a/` }]).pipe(stream))).toString('utf8');
    expect(patchSitemap({ live: await wholeSitemap(LIVE, 45_000), rendered: other, gone: () => false, limit: 45_000 })).toBeUndefined();
  });
});
