import { describe, expect, it } from 'vitest';
import { addressMapHref, mailtoHref, telHref } from '../../../site/src/lib/contact-links.js';
import { profileTree } from '../../../site/src/lib/profile-tree.js';
import type { Page } from '../../../site/src/lib/schemas.js';

const page = (documentId: string, order: number, parent: string | null = null, title = documentId): Page => ({
  documentId,
  title,
  slug: documentId,
  summary: null,
  body: '',
  image: null,
  parent,
  order,
  seo: null,
  updatedAt: new Date('2026-01-01T00:00:00Z'),
});

const titles = (nodes: { page: Page; children: unknown[] }[]): unknown[] =>
  nodes.map((n) => (n.children.length ? [n.page.title, titles(n.children as never)] : n.page.title));

describe('the profile tree', () => {
  const tree = profileTree([
    page('co-cau', 4),
    page('ban-do', 1, 'dieu-kien'),
    page('lich-su', 1),
    page('dieu-kien', 2),
    page('so-do', 2, 'dieu-kien'),
    page('chi-tiet', 1, 'so-do'),
    page('mo-coi', 3, 'da-go'),
    page('b', 5, null, 'Bạch Đằng'),
    page('a', 5, null, 'An Dương'),
  ]);

  it('orders each level by order, then by title in Vietnamese', () => {
    expect(titles(tree.roots)).toEqual(['lich-su', ['dieu-kien', ['ban-do', ['so-do', ['chi-tiet']]]], 'mo-coi', 'co-cau', 'An Dương', 'Bạch Đằng']);
  });

  it.each([
    ['chi-tiet', ['dieu-kien', 'so-do']],
    ['ban-do', ['dieu-kien']],
    ['lich-su', []],
    ['mo-coi', []],
  ])('gives the pages above %s, the top one first', (id, above) => {
    expect(tree.ancestors(id).map((p) => p.documentId)).toEqual(above);
  });

  it('puts a page whose parent is unpublished at the top, and holds every page once', () => {
    expect(tree.node('mo-coi')).toBe(tree.roots.find((n) => n.page.documentId === 'mo-coi'));
    expect(tree.all).toHaveLength(9);
  });

  it('ends a walk up a loop the database should never hold', () => {
    const loop = profileTree([page('x', 1, 'y'), page('y', 1, 'x'), page('self', 1, 'self')]);
    expect(loop.ancestors('x').map((p) => p.documentId)).toEqual(['y']);
    expect(loop.roots.map((n) => n.page.documentId)).toEqual(['self']);
  });
});

describe('contact links', () => {
  it.each([
    ['024 0000 1000', 'tel:02400001000'],
    ['(024) 0000-1000', 'tel:02400001000'],
    ['+84 24 0000 1000', 'tel:+842400001000'],
  ])('calls %s as %s', (phone, href) => expect(telHref(phone)).toBe(href));

  it('mails the address as written and searches a street address on OpenStreetMap', () => {
    expect(mailtoHref(' ubnd@haibatrung.example.gov.vn ')).toBe('mailto:ubnd@haibatrung.example.gov.vn');
    expect(addressMapHref('30 Lê Đại Hành, Hà Nội')).toBe('https://www.openstreetmap.org/search?query=30%20L%C3%AA%20%C4%90%E1%BA%A1i%20H%C3%A0nh%2C%20H%C3%A0%20N%E1%BB%99i');
  });
});
