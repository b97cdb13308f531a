import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { countingProxy } from '../../../scripts/lib/counting-proxy.js';
import { readPage, siteBuilder, type SiteBuild } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = 'api::article.article';
const COLLECTIONS = ['articles', 'attendees', 'resolution-tasks', 'photo-galleries', 'categories'];

/** Articles listed on a listing page. */
const listed = (html: string) => [...html.matchAll(/href="\/tin-tuc\/(tin-[\w-]+)\/"/g)].map((m) => m[1]);
const exists = (build: SiteBuild, url: string) => existsSync(path.join(build.outDir, url, 'index.html'));

describe('incremental sync and pagination edges, on an empty CMS filled step by step', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  // The loader asks for pages of 10 here, so 21 articles take three pages.
  const build = siteBuilder(() => proxy.url, () => cms.siteToken);
  let created = 0;

  async function addArticles(count: number) {
    for (let i = 0; i < count; i += 1) {
      created += 1;
      await cms.strapi.documents(ARTICLE).create({
        status: 'published',
        data: { title: `Tin số ${created}`, slug: `tin-${created}`, postedAt: new Date(Date.UTC(2024, 0, created)).toISOString() } as never,
      });
    }
  }

  async function buildCounting() {
    proxy.reset();
    const result = await build();
    if (!result.ok) throw new Error(result.log);
    return { result, requests: proxy.apiRequests() };
  }

  beforeAll(async () => {
    process.env.STRAPI_PAGE_SIZE = '10';
    db = sqliteDatabase();
    cms = await bootStrapi(db, { SEED: 'false' });
    proxy = await countingProxy(cms.url);
  });

  afterAll(async () => {
    delete process.env.STRAPI_PAGE_SIZE;
    delete process.env.SEED;
    await proxy?.close();
    await cms?.stop();
    await db?.drop();
  });

  it('builds with no articles at all', async () => {
    const { result } = await buildCounting();
    expect(readPage(result.outDir, '/tin-tuc/')).toContain('Chưa có bài viết');
    expect(exists(result, '/tin-tuc/trang/2/')).toBe(false);
  }, 120_000);

  it('puts exactly 20 articles on one page', async () => {
    await addArticles(20);
    const { result, requests } = await buildCounting();
    expect(listed(readPage(result.outDir, '/tin-tuc/'))).toHaveLength(20);
    expect(exists(result, '/tin-tuc/trang/2/')).toBe(false);
    expect(result.log).toMatch(/articles: 20 fetched, 20 changed, 0 removed/);
    expect(requests.filter((r) => r.startsWith('/api/articles?') && r.includes('populate'))).toHaveLength(2);
  }, 120_000);

  it('moves the 21st article to page 2, fetching only the new one', async () => {
    await addArticles(1);
    const { result } = await buildCounting();
    expect(listed(readPage(result.outDir, '/tin-tuc/'))).toHaveLength(20);
    expect(listed(readPage(result.outDir, '/tin-tuc/trang/2/'))).toEqual(['tin-1']);
    expect(exists(result, '/tin-tuc/trang/3/')).toBe(false);
    expect(result.log).toMatch(/articles: 1 fetched, 1 changed, 0 removed/);
  }, 120_000);

  it('makes at most two small requests per collection when nothing changed', async () => {
    const { result, requests } = await buildCounting();
    expect(result.log).toMatch(/articles: 0 fetched, 0 changed, 0 removed/);
    // Changes since the last sync (none), then one count; an empty collection needs just the first.
    expect(requests.filter((r) => r.startsWith('/api/articles?'))).toEqual([
      expect.stringContaining('filters[$or][0][updatedAt][$gt]'),
      expect.stringContaining('pagination[pageSize]=1'),
    ]);
    for (const endpoint of COLLECTIONS) {
      expect(requests.filter((r) => r.startsWith(`/api/${endpoint}?`)).length, endpoint).toBeLessThanOrEqual(2);
    }
    expect(requests.filter((r) => /^\/api\/site-setting(\?|$)/.test(r))).toHaveLength(1);
  }, 120_000);

  it('drops unpublished and deleted articles, and picks up a publish without an edit', async () => {
    const documents = cms.strapi.documents(ARTICLE);
    const [second, third] = await Promise.all(['tin-2', 'tin-3'].map((slug) => documents.findFirst({ filters: { slug }, status: 'published' })));
    await documents.unpublish({ documentId: second!.documentId });
    await documents.delete({ documentId: third!.documentId });
    let { result } = await buildCounting();
    expect(result.log).toMatch(/articles: 0 fetched, 0 changed, 2 removed/);
    expect(exists(result, '/tin-tuc/tin-2/')).toBe(false);
    expect(exists(result, '/tin-tuc/tin-3/')).toBe(false);
    expect(exists(result, '/tin-tuc/trang/2/')).toBe(false);

    // Publishing the unchanged draft again moves only publishedAt.
    await documents.publish({ documentId: second!.documentId });
    ({ result } = await buildCounting());
    expect(result.log).toMatch(/articles: 1 fetched, 1 changed, 0 removed/);
    expect(exists(result, '/tin-tuc/tin-2/')).toBe(true);
  }, 240_000);

  it('shows a renamed category on an article whose own entry did not change', async () => {
    const category = await cms.strapi.documents('api::category.category').create({ data: { name: 'Tin cũ', slug: 'tin-cu' } as never });
    const first = await cms.strapi.documents(ARTICLE).findFirst({ filters: { slug: 'tin-1' } });
    await cms.strapi.documents(ARTICLE).update({ documentId: first!.documentId, data: { category: category.documentId } as never });
    await cms.strapi.documents(ARTICLE).publish({ documentId: first!.documentId });
    await buildCounting();
    await cms.strapi.documents('api::category.category').update({ documentId: category.documentId, data: { name: 'Tin mới đổi tên' } as never });
    const { result } = await buildCounting();
    expect(result.log).toMatch(/articles: 0 fetched/);
    expect(readPage(result.outDir, '/tin-tuc/tin-1/')).toContain('Tin mới đổi tên');
  }, 240_000);
});
