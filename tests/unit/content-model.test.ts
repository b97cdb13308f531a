import { describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES, CONTENT_TYPES, declarationOf, eventClass, type ContentTypeDeclaration } from '../../cms/src/content-model/content-types.js';
import { entryPath, listingPath, previewPath, SITE_PATHS, typeListingPath } from '../../cms/src/content-model/urls.js';

describe('urls.ts: every public path made in one place', () => {
  it.each([
    ['an article', () => entryPath(CONTENT_TYPES.article, 'dai-hoi-doan-phuong'), '/tin-tuc/dai-hoi-doan-phuong/'],
    ['a year of key tasks', () => entryPath(CONTENT_TYPES.resolutionTask, 2026), '/nhiem-vu/2026/'],
    ['a slug with a reserved character, encoded', () => entryPath(CONTENT_TYPES.article, 'a/b?c'), '/tin-tuc/a%2Fb%3Fc/'],
    ['a listing\'s first page', () => typeListingPath(CONTENT_TYPES.article), '/tin-tuc/'],
    ['page 1 asked for by number', () => typeListingPath(CONTENT_TYPES.photoGallery, 1), '/thu-vien-anh/'],
    ['a listing\'s page 3', () => typeListingPath(CONTENT_TYPES.article, 3), '/tin-tuc/trang/3/'],
    ['a facet\'s page 2', () => listingPath(entryPath(CONTENT_TYPES.category, 'kinh-te'), 2), '/chuyen-muc/kinh-te/trang/2/'],
    ['an article\'s preview', () => previewPath(CONTENT_TYPES.article, 'k3x9'), '/ban-xem-truoc/tin-tuc/k3x9'],
    ['a preview of an odd documentId, encoded', () => previewPath(CONTENT_TYPES.photoGallery, 'a/../b'), '/ban-xem-truoc/thu-vien-anh/a%2F..%2Fb'],
    ['the site settings\' preview, whatever the documentId', () => previewPath(CONTENT_TYPES.siteSetting, 'x'), '/ban-xem-truoc/bieu-ngu'],
    ['an entry preview without its documentId', () => previewPath(CONTENT_TYPES.article), null],
    ['a type without a preview', () => previewPath(CONTENT_TYPES.category, 'x'), null],
  ])('%s', (_case, make, expected) => {
    expect(make()).toBe(expected);
  });

  it('refuses a page for a type that has none, naming it', () => {
    expect(() => entryPath(CONTENT_TYPES.siteSetting as ContentTypeDeclaration, 'x')).toThrow(/api::site-setting\.site-setting has no pages/);
  });

  it('keeps the site\'s own pages under their own paths, none inside a type\'s', () => {
    const bases = ALL_CONTENT_TYPES.flatMap((type) => (type.urlBase ? [type.urlBase] : []));
    for (const path of Object.values(SITE_PATHS).filter((p) => p !== '/')) {
      expect(bases.filter((base) => path.startsWith(base)), path).toEqual([]);
    }
  });
});

type Type = ContentTypeDeclaration;
const labelled = (type: Type, field: string) => field in type.labels.fields;
const layoutFields = (type: Type) => (type.admin.editLayout ?? []).flat().map(([field]) => field);
const duplicates = (values: readonly string[]) => values.filter((value, i) => values.indexOf(value) !== i);

/** Facts a declaration must hold on its own; each names what is wrong, or nothing. */
const RULES: [rule: string, problems: (type: Type) => string[]][] = [
  ['the UID is api::<name>.<name>', (t) => (/^api::([a-z0-9-]+)\.\1$/.test(t.uid) ? [] : [t.uid])],
  ['a single type\'s REST path is its singular name', (t) => (t.kind === 'singleType' && t.restPath !== t.uid.split('.')[1] ? [t.restPath] : [])],
  ['the main field is labelled', (t) => (labelled(t, t.admin.mainField) ? [] : [t.admin.mainField])],
  ['the slug source is labelled, and the slug too', (t) => (t.slugFrom ? [t.slugFrom, 'slug'].filter((f) => !labelled(t, f)) : [])],
  ['the list columns and sort field are labelled', (t) => (t.admin.list ? [...t.admin.list.columns, t.admin.list.sortBy].filter((f) => !labelled(t, f)) : [])],
  ['the relations named in the admin are labelled', (t) => Object.keys(t.admin.relationMainFields ?? {}).filter((f) => !labelled(t, f))],
  ['the edit layout\'s fields are labelled', (t) => layoutFields(t).filter((f) => !labelled(t, f))],
  ['the edit layout shows each field once', (t) => duplicates(layoutFields(t))],
  ['the edit layout shows every labelled field', (t) => (t.admin.editLayout ? Object.keys(t.labels.fields).filter((f) => !layoutFields(t).includes(f)) : [])],
  ['each edit row fits in 12 columns', (t) => (t.admin.editLayout ?? []).filter((row) => row.reduce((sum, [, size]) => sum + size, 0) > 12).map((row) => row.map(([f]) => f).join('+'))],
  ['a scheduled type has drafts, publishAt and unpublishAt', (t) => (t.scheduled ? [...(t.draftAndPublish ? [] : ['draftAndPublish']), ...['publishAt', 'unpublishAt'].filter((f) => !labelled(t, f))] : [])],
  ['labels and help are NFC, trimmed and the label not empty', (t) =>
    [t.labels.singular, t.labels.plural, ...Object.values(t.labels.fields).flat()].filter((text, i) => text !== text.normalize('NFC') || text !== text.trim() || (i < 2 && text === '')),
  ],
  ['an entry preview needs a page of its own, a single type\'s does not', (t) => (t.preview?.per === 'entry' && t.kind !== 'collectionType' ? [t.preview.path] : [])],
  ['a URL base is a path of lower-case words', (t) => (t.urlBase && !/^\/(?:[a-z0-9-]+\/)+$/.test(t.urlBase) ? [t.urlBase] : [])],
];

describe('the declarations, each on its own', () => {
  const cases = ALL_CONTENT_TYPES.flatMap((type) => RULES.map(([rule, problems]) => [type.uid, rule, problems, type] as const));
  it.each(cases)('%s: %s', (_uid, _rule, problems, type) => {
    expect(problems(type)).toEqual([]);
  });
});

describe('the declarations, together', () => {
  it.each([
    ['uid', (t: Type) => t.uid],
    ['restPath', (t: Type) => t.restPath],
    ['collection', (t: Type) => t.collection],
    ['urlBase', (t: Type) => t.urlBase],
    ['preview path', (t: Type) => t.preview?.path],
  ] as const)('no two types share a %s', (_fact, pick) => {
    const values = ALL_CONTENT_TYPES.flatMap((type) => pick(type) ?? []);
    expect(duplicates(values)).toEqual([]);
  });

  it('finds each declaration by its UID, and nothing for Strapi\'s own types', () => {
    for (const type of ALL_CONTENT_TYPES) expect(declarationOf(type.uid)).toBe(type);
    expect(declarationOf('plugin::upload.file')).toBeUndefined();
    expect(declarationOf(undefined)).toBeUndefined();
  });

  it('gives the publisher an event class from draft & publish', () => {
    expect(ALL_CONTENT_TYPES.map((type) => [type.uid, eventClass(type)])).toEqual(
      ALL_CONTENT_TYPES.map((type) => [type.uid, type.draftAndPublish ? 'draft-and-publish' : 'live']),
    );
  });
});
