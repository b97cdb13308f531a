import { describe, expect, it } from 'vitest';
import { documentFacets, facetPages, numberSearchWord, type FacetSource } from '../../../site/src/lib/document-facets.js';
import { fileFormat, fileSize, formatDay } from '../../../site/src/lib/document-format.js';

const types = [
  { documentId: 't-nq', name: 'Nghị quyết', slug: 'nghi-quyet' },
  { documentId: 't-qd', name: 'Quyết định', slug: 'quyet-dinh' },
  { documentId: 't-cv', name: 'Công văn', slug: 'cong-van' },
];
const type = (i: number) => types[i]!;
type Doc = FacetSource & { id: string };
// Newest issued first, as the build gives them.
const docs: Doc[] = [
  { id: 'a', documentType: type(1), issuedAt: '2026-03-02', issuingBody: 'UBND quận Hai Bà Trưng', subjectArea: 'Đô thị' },
  { id: 'b', documentType: type(0), issuedAt: '2025-12-31', issuingBody: 'HĐND quận Hai Bà Trưng', subjectArea: 'Giáo dục' },
  { id: 'c', documentType: type(1), issuedAt: '2025-01-01', issuingBody: 'UBND Quận Hai Bà Trưng', subjectArea: null },
  { id: 'd', documentType: null, issuedAt: '2021-06-15', issuingBody: 'Ủy ban nhân dân phường Bạch Mai', subjectArea: 'đô thị' },
];

describe('the facets of /van-ban/', () => {
  const facets = documentFacets(docs, types);
  const summary = (kind: keyof typeof facets) => facets[kind].map((f) => [f.path, f.name, f.items.map((d) => d.id).join('')]);

  it.each([
    ['type: every managed type in its order, even without documents', 'type', [
      ['/van-ban/loai/nghi-quyet/', 'Nghị quyết', 'b'],
      ['/van-ban/loai/quyet-dinh/', 'Quyết định', 'ac'],
      ['/van-ban/loai/cong-van/', 'Công văn', ''],
    ]],
    ['year: newest first, in the calendar year written', 'year', [
      ['/van-ban/nam/2026/', '2026', 'a'],
      ['/van-ban/nam/2025/', '2025', 'bc'],
      ['/van-ban/nam/2021/', '2021', 'd'],
    ]],
    ['issuing body: by its Vietnamese slug (case folded, đ → d), named as the newest writes it, in Vietnamese order', 'issuingBody', [
      ['/van-ban/co-quan/hdnd-quan-hai-ba-trung/', 'HĐND quận Hai Bà Trưng', 'b'],
      ['/van-ban/co-quan/ubnd-quan-hai-ba-trung/', 'UBND quận Hai Bà Trưng', 'ac'],
      ['/van-ban/co-quan/uy-ban-nhan-dan-phuong-bach-mai/', 'Ủy ban nhân dân phường Bạch Mai', 'd'],
    ]],
    ['field: a document without one is in none', 'subjectArea', [
      ['/van-ban/linh-vuc/do-thi/', 'Đô thị', 'ad'],
      ['/van-ban/linh-vuc/giao-duc/', 'Giáo dục', 'b'],
    ]],
  ] as const)('%s', (_name, kind, expected) => {
    expect(summary(kind)).toEqual(expected);
  });

  it('gives each value the route parameters of its page', () => {
    const pages = facetPages(facets).map((p) => `${p.kind} ${p.params.facet}/${p.params.value}`);
    expect(pages).toContain('type loai/cong-van');
    expect(pages).toContain('year nam/2025');
    expect(pages).toContain('issuingBody co-quan/ubnd-quan-hai-ba-trung');
    expect(pages).toContain('subjectArea linh-vuc/giao-duc');
    expect(pages).toHaveLength(11);
  });
});

describe('how a document reads', () => {
  it.each([
    ['12/2021/QĐ-UBND', '122021qdubnd'],
    ['12/2021/qd-ubnd', '122021qdubnd'],
    ['05/NQ-HĐND', '05nqhdnd'],
    ['  345/KH-UBND ', '345khubnd'],
  ])('the number %s is one search word: %s', (number, word) => {
    expect(numberSearchWord(number)).toBe(word);
  });

  it.each([
    [0.4, '1 KB'],
    [245.3, '245 KB'],
    [999.4, '999 KB'],
    [1228.8, '1,2 MB'],
    [10240, '10 MB'],
  ])('%d KB reads %s', (kb, text) => {
    expect(fileSize(kb)).toBe(text);
  });

  it.each([
    [{ ext: '.pdf', mime: 'application/pdf' }, 'PDF'],
    [{ ext: '.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, 'DOCX'],
    [{ ext: '.odt', mime: 'application/vnd.oasis.opendocument.text' }, 'ODT'],
    [{ ext: '.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 'XLSX'],
    [{ ext: '.PDF', mime: 'application/octet-stream' }, 'PDF'],
  ])('%j is %s', (file, format) => {
    expect(fileFormat(file)).toBe(format);
  });

  it('writes a calendar date day first, as written, whatever the zone', () => {
    expect(formatDay('2021-03-15')).toBe('15/03/2021');
  });
});
