import { describe, expect, it } from 'vitest';
import { membersOf, pageFile, pageUrl, quarterOf, searchChanged, shardNames, shardsOf } from '../../../site/search/search-shards.js';

const head = (published?: string) => (published ? `<meta property="article:published_time" content="${published}">` : '');

describe('search shards', () => {
  it.each([
    ['an article of the last quarter of 2021', `<html>${head('2021-12-31T23:30:00+07:00')}<article data-pagefind-body><h1>Hội nghị</h1></article>`, '2021-q4'],
    ['an article posted on New Year in Vietnam time', `${head('2022-01-01T06:00:00+07:00')}<article data-pagefind-body>`, '2022-q1'],
    ['an article of March', `${head('2022-03-31T08:00:00+07:00')}<article data-pagefind-body>`, '2022-q1'],
    ['an article of April', `${head('2022-04-01T08:00:00+07:00')}<article data-pagefind-body>`, '2022-q2'],
    ['an article of September', `${head('2022-09-30T08:00:00+07:00')}<article data-pagefind-body>`, '2022-q3'],
    ['a searchable page without a posting date', '<main data-pagefind-body="">', 'khac'],
    ['a legal document, which names its shard', `<meta name="search-shard" content="van-ban">${head('2021-03-15T00:00:00+07:00')}<article data-pagefind-body>`, 'van-ban'],
    ['a listing', `${head('2021-01-01T00:00:00+07:00')}<main><h1>Tin tức</h1></main>`, undefined],
    ['a page that only mentions the attribute in text', '<p>data-pagefind-body-like</p>', undefined],
  ])('%s → %s', (_, html, quarter) => {
    expect(quarterOf(html)).toBe(quarter);
  });

  it.each([
    ['the newest year by quarter, earlier years whole', { '/a/': '2024-q1', '/b/': '2025-q4', '/c/': '2026-q1', '/d/': '2026-q3', '/e/': 'khac' }, { '/a/': '2024', '/b/': '2025', '/c/': '2026-q1', '/d/': '2026-q3', '/e/': 'khac' }],
    ['one year only', { '/a/': '2026-q1', '/b/': '2026-q2' }, { '/a/': '2026-q1', '/b/': '2026-q2' }],
    ['undated pages only', { '/a/': 'khac' }, { '/a/': 'khac' }],
    ['a named shard stays whole, and is no year', { '/a/': '2025-q4', '/v/': 'van-ban', '/b/': '2024-q2' }, { '/a/': '2025-q4', '/v/': 'van-ban', '/b/': '2024' }],
    ['nothing', {}, {}],
  ])('shards: %s', (_, quarters, shards) => {
    expect(shardsOf(quarters)).toEqual(shards);
  });

  it.each([
    ['/tin-tuc/hoi-nghi-tong-ket/', 'tin-tuc/hoi-nghi-tong-ket/index.html'],
    ['/', 'index.html'],
  ])('page %s is the file %s, and back', (url, file) => {
    expect(pageFile(url)).toBe(file);
    expect(pageUrl(file)).toBe(url);
  });

  it('lists shards newest first and their members in URL order', () => {
    const membership = { '/tin-tuc/c/': '2020', '/tin-tuc/a/': '2021-q1', '/tin-tuc/b/': '2020', '/tin-tuc/f/': '2021-q3', '/tin-tuc/e/': '2019', '/tin-tuc/d/': 'khac' };
    expect(shardNames(membership)).toEqual(['2021-q3', '2021-q1', '2020', '2019', 'khac']);
    expect(shardNames({ ...membership, '/van-ban/a/': 'van-ban' })).toEqual(['2021-q3', '2021-q1', '2020', '2019', 'van-ban', 'khac']);
    expect(membersOf(membership, '2020')).toEqual(['/tin-tuc/b/', '/tin-tuc/c/']);
  });

  const page = ({ title = 'Hội nghị | Cổng A', header = 'UBND phường A', body = 'Nội dung', posted = '2026-05-01T08:00:00+07:00', lang = 'vi', searchable = true } = {}) =>
    `<!doctype html><html lang="${lang}"><head>${head(posted)}<title>${title}</title></head><body><header>${header}</header>` +
    `<main id="main">${searchable ? '<article data-pagefind-body>' : '<article>'}<h1>Hội nghị</h1><p>${body}</p></article></main><footer>${header}</footer></body></html>`;

  it.each<[string, string | undefined, string | undefined, boolean]>([
    ['the chrome renamed (title, header, footer)', page(), page({ title: 'Hội nghị | Cổng B', header: 'UBND phường B' }), false],
    ['the same page', page(), page(), false],
    ['the body edited', page(), page({ body: 'Nội dung mới' }), true],
    ['another posting quarter', page(), page({ posted: '2026-08-01T08:00:00+07:00' }), true],
    ['another language', page(), page({ lang: 'en' }), true],
    ['no longer searchable', page(), page({ searchable: false }), true],
    ['a listing re-rendered', page({ searchable: false }), page({ searchable: false, header: 'UBND phường B', body: 'Tin mới' }), false],
    ['a new page', undefined, page(), true],
    ['a page gone', page(), undefined, true],
    ['a page without <main>, taken as changed', '<html lang="vi"><article data-pagefind-body>A</article>', '<html lang="vi"><article data-pagefind-body>A</article>', true],
  ])('search changed: %s → %s', (_, before, after, changed) => {
    expect(searchChanged(before, after)).toBe(changed);
  });
});
