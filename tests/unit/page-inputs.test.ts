import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, pagePath, selectPaths } from '../../site/src/lib/page-inputs.js';

const at = (iso: string) => new Date(iso);
const person = (name: string, updated = '2026-01-01T00:00:00Z') => ({ documentId: 'p1', fullName: name, updatedAt: at(updated), publishedAt: null });
const article = (title: string, people: unknown[], updated = '2026-02-01T00:00:00Z') => ({
  documentId: 'a1',
  title,
  updatedAt: at(updated),
  publishedAt: at('2026-02-01T00:00:00Z'),
  attendees: people.map((p) => ({ person: p, position: 'Chủ trì' })),
});

describe('fingerprint: what a page shows', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['the same entries', article('A', [person('X')]), article('A', [person('X')]), true],
    ['an edited article (its updatedAt moved)', article('A', [person('X')]), article('B', [person('X')], '2026-02-02T00:00:00Z'), false],
    ['a renamed person in an unchanged article', article('A', [person('X')]), article('A', [person('Y', '2026-03-01T00:00:00Z')]), false],
    ['another position in the attendance', article('A', [person('X')]), { ...article('A', [person('X')]), attendees: [{ person: person('X'), position: 'Dự' }] }, false],
    ['the same list in another order', [person('X'), { ...person('Y'), documentId: 'p2' }], [{ ...person('Y'), documentId: 'p2' }, person('X')], false],
    ['another page number', { page: 2, items: [] }, { page: 3, items: [] }, false],
  ])('%s', (_, before, after, same) => {
    expect(fingerprint(before) === fingerprint(after)).toBe(same);
  });
});

describe('selectPaths', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const paths = (title: string) => [
    { params: { slug: 'a' }, props: { n: 1 }, input: article(title, [], title === 'A' ? '2026-02-01T00:00:00Z' : '2026-02-05T00:00:00Z') },
    { params: { slug: 'b' }, props: { n: 2 }, input: { ...article('B', []), documentId: 'b1' } },
  ];

  it('renders every path and records nothing outside a publisher build', () => {
    expect(selectPaths('/tin-tuc/[slug]/', paths('A'))).toEqual([
      { params: { slug: 'a' }, props: { n: 1 } },
      { params: { slug: 'b' }, props: { n: 2 } },
    ]);
  });

  it('records every page of a full build, then renders only the changed and new ones', () => {
    const first = mkdtempSync(path.join(os.tmpdir(), 'page-map-'));
    process.env.SITE_PAGE_INPUTS_OUT = first;
    expect(selectPaths('/tin-tuc/[slug]/', paths('A'))).toHaveLength(2);
    expect(Object.keys(JSON.parse(readFileSync(path.join(first, 'tin_tuc_slug.json'), 'utf8')))).toEqual(['/tin-tuc/a/', '/tin-tuc/b/']);

    process.env.SITE_PAGE_INPUTS_BASE = first;
    process.env.SITE_PAGE_INPUTS_OUT = mkdtempSync(path.join(os.tmpdir(), 'page-map-'));
    const next = [...paths('A2'), { params: { slug: 'c' }, props: { n: 3 }, input: { ...article('C', []), documentId: 'c1' } }];
    expect(selectPaths('/tin-tuc/[slug]/', next).map((p) => p.params.slug)).toEqual(['a', 'c']);
  });

  it('names the missing parameter of a route', () => {
    expect(() => pagePath('/chuyen-muc/[slug]/trang/[page]/', { slug: 'x' })).toThrow('route /chuyen-muc/[slug]/trang/[page]/: no value for [page]');
  });
});
