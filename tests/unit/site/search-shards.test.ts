import { describe, expect, it } from 'vitest';
import { membersOf, pageFile, pageUrl, shardNames, shardOf } from '../../../site/search/search-shards.js';

const head = (published?: string) => (published ? `<meta property="article:published_time" content="${published}">` : '');

describe('search shards', () => {
  it.each([
    ['an article of 2021', `<html>${head('2021-12-31T23:30:00+07:00')}<article data-pagefind-body><h1>Hội nghị</h1></article>`, '2021'],
    ['an article posted on New Year in Vietnam time', `${head('2022-01-01T06:00:00+07:00')}<article data-pagefind-body>`, '2022'],
    ['a searchable page without a posting date', '<main data-pagefind-body="">', 'khac'],
    ['a listing', `${head('2021-01-01T00:00:00+07:00')}<main><h1>Tin tức</h1></main>`, undefined],
    ['a page that only mentions the attribute in text', '<p>data-pagefind-body-like</p>', undefined],
  ])('%s → %s', (_, html, shard) => {
    expect(shardOf(html)).toBe(shard);
  });

  it.each([
    ['/tin-tuc/hoi-nghi-tong-ket/', 'tin-tuc/hoi-nghi-tong-ket/index.html'],
    ['/', 'index.html'],
  ])('page %s is the file %s, and back', (url, file) => {
    expect(pageFile(url)).toBe(file);
    expect(pageUrl(file)).toBe(url);
  });

  it('lists shards newest first and their members in URL order', () => {
    const membership = { '/tin-tuc/c/': '2020', '/tin-tuc/a/': '2021', '/tin-tuc/b/': '2020', '/tin-tuc/d/': 'khac' };
    expect(shardNames(membership)).toEqual(['2021', '2020', 'khac']);
    expect(membersOf(membership, '2020')).toEqual(['/tin-tuc/b/', '/tin-tuc/c/']);
  });
});
