import { describe, expect, it } from 'vitest';
import { engagementManifest } from '../../../site/src/lib/engagement-manifest.js';
import { fingerprint } from '../../../site/src/lib/page-inputs.js';
import { formatCount, formatPercent } from '../../../site/src/lib/format-count.js';
import { ratingSummary } from '../../../site/src/lib/rating-summary.js';
import { RATED_TYPES, sectionName } from '../../../site/src/lib/engagement.js';
import { NO_SITE_DATA, readSiteData } from '../../../site/src/loaders/engagement-site-data.js';

describe('formatCount: "Lượt xem" as the site prints it', () => {
  it.each([
    [0, '0'],
    [825, '825'],
    [1000, '1.000'],
    [12_345, '12.345'],
    [1_234_567, '1.234.567'],
    [-3, '0'],
    [Number.NaN, '0'],
    [4.9, '4'],
  ])('%d → %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it("groups as Vietnamese does (Intl's vi-VN), without depending on the ICU data at hand", () => {
    for (const n of [7, 999, 1000, 65_536, 9_876_543_210]) expect(formatCount(n)).toBe(new Intl.NumberFormat('vi-VN').format(n));
  });
});

describe('formatPercent', () => {
  it.each([
    [7, 8, '87,5%'],
    [1, 3, '33,3%'],
    [2, 2, '100%'],
    [0, 5, '0%'],
    [0, 0, '–'],
  ])('%d of %d → %s', (part, whole, text) => {
    expect(formatPercent(part, whole)).toBe(text);
  });
});

describe('the engagement manifest', () => {
  const manifest = engagementManifest([
    { type: 'procedure', documentId: 'p1', path: '/thu-tuc-hanh-chinh/a/', title: 'Cấp giấy', views: 0 },
    { type: 'article', documentId: 'b2', path: '/tin-tuc/b/', title: 'Tin B', views: 825 },
    { type: 'legal-document', documentId: 'd1', path: '/van-ban/12-qd-ubnd/', title: 'Quyết định 12/QĐ-UBND', views: 3 },
    { type: 'photo-gallery', documentId: 'g1', path: '/thu-vien-anh/g/', title: 'Ảnh', views: 0 },
    { type: 'article', documentId: 'a1', path: '/tin-tuc/a/', title: 'Tin A', views: 1 },
  ]);

  it('is version 1, one row per page keyed `<apiName>:<documentId>`, in key order', () => {
    expect(manifest.version).toBe(1);
    expect(manifest.pages.map((p) => p.key)).toEqual(['article:a1', 'article:b2', 'legal-document:d1', 'photo-gallery:g1', 'procedure:p1']);
  });

  it('gives the shown count of a counted page, none for a procedure (rated, not counted)', () => {
    expect(manifest.pages.find((p) => p.key === 'article:b2')).toEqual({ key: 'article:b2', path: '/tin-tuc/b/', title: 'Tin B', views: 825 });
    expect(manifest.pages.find((p) => p.key === 'procedure:p1')).toEqual({ key: 'procedure:p1', path: '/thu-tuc-hanh-chinh/a/', title: 'Cấp giấy' });
  });
});

describe('the ratings summary (/danh-gia/)', () => {
  const sections = ratingSummary([
    { contentType: 'article', month: '2026-11', useful: 3, notUseful: 1 },
    { contentType: 'article', month: '2026-12', useful: 7, notUseful: 1 },
    { contentType: 'article', month: '2026-12', useful: 1, notUseful: 0 },
    { contentType: 'procedure', month: '2026-12', useful: 0, notUseful: 2 },
    { contentType: 'photo-gallery', month: '2026-12', useful: 5, notUseful: 0 },
    { contentType: 'article', month: 'bad', useful: 9, notUseful: 9 },
  ]);

  it('has every rated section in the declared order, named as the public knows it', () => {
    expect(sections.map((s) => s.type)).toEqual([...RATED_TYPES]);
    expect(sections.map((s) => s.name)).toEqual(['Tin tức', 'Văn bản', 'Thủ tục hành chính']);
    expect(sectionName('article')).toBe('Tin tức');
  });

  it('sums a month, newest month first, with its share found useful', () => {
    const news = sections[0]!;
    expect(news.months).toEqual([
      { month: '2026-12', label: '12/2026', total: 9, useful: 8, notUseful: 1, usefulShare: '88,9%' },
      { month: '2026-11', label: '11/2026', total: 4, useful: 3, notUseful: 1, usefulShare: '75%' },
    ]);
    expect(news.total).toBe(13);
    expect(news.usefulShare).toBe('84,6%');
  });

  it('leaves a section without ratings empty, and ignores a type that is not rated', () => {
    expect(sections[1]!.months).toEqual([]);
    expect(sections[2]!.months.map((m) => m.usefulShare)).toEqual(['0%']);
    expect(JSON.stringify(sections)).not.toContain('photo-gallery');
  });
});

describe("the CMS's site data, read", () => {
  it('takes the bare answer or one wrapped in { data }, counts as numbers or digit strings', () => {
    const bare = { viewCounts: { 'article:b': '826', 'article:a': 3 }, mostRead: [{ documentId: 'b', views: 12 }], ratings: [{ contentType: 'article', month: '2026-12', useful: 1, notUseful: '0' }] };
    const expected = {
      available: true,
      viewCounts: { 'article:a': 3, 'article:b': 826 },
      mostRead: [{ documentId: 'b', views: 12 }],
      ratings: [{ contentType: 'article', month: '2026-12', useful: 1, notUseful: 0 }],
    };
    expect(readSiteData(bare)).toEqual(expected);
    expect(readSiteData({ data: bare })).toEqual(expected);
    expect(Object.keys(readSiteData(bare).viewCounts)).toEqual(['article:a', 'article:b']);
  });

  it('names the field of a bad answer', () => {
    expect(() => readSiteData({ viewCounts: { 'article:a': -1 } })).toThrow(/viewCounts\.article:a/);
    expect(() => readSiteData({ mostRead: [{ views: 1 }] })).toThrow(/mostRead\.0\.documentId/);
  });

  it('has nothing when the CMS has no route', () => {
    expect(NO_SITE_DATA).toEqual({ available: false, viewCounts: {}, mostRead: [], ratings: [] });
  });
});

describe("a page's view count as its input (incremental builds)", () => {
  const entry = (viewCount: number) => ({ documentId: 'a1', title: 'Tin', viewCount, updatedAt: new Date('2026-12-01T00:00:00Z'), publishedAt: new Date('2026-12-01T00:00:00Z') });

  it("is why pages state it: the CMS's sync moves viewCount without updatedAt, which an entry's fingerprint reads", () => {
    expect(fingerprint({ article: entry(825) })).toBe(fingerprint({ article: entry(826) }));
  });

  it('renders a page again when its number moved, and not otherwise', () => {
    expect(fingerprint({ article: entry(825), views: 825 })).not.toBe(fingerprint({ article: entry(825), views: 826 }));
    expect(fingerprint({ article: entry(825), views: 900 })).toBe(fingerprint({ article: entry(826), views: 900 }));
  });
});
