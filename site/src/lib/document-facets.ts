/**
 * The facets of the legal documents' listing (/van-ban/): by type, year of issue, issuing body
 * and field, each value a static page of its own so that it works without JavaScript. Pure:
 * the build gives it the documents newest first, the unit tests give it plain objects.
 */
// The .js suffixes let the root tsconfig (NodeNext) check this file through the unit tests.
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { entryPath, facetPath, type DocumentFacet } from '../../../cms/src/content-model/urls.js';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';

export interface FacetSource {
  documentType: { documentId: string; name: string; slug: string } | null;
  /** `2021-03-15`. */
  issuedAt: string;
  issuingBody: string | null;
  subjectArea: string | null;
}

/** One value of a facet: its page, what it is called there, and its documents, newest first. */
export interface FacetValue<T> {
  /** The URL segment: a type's slug, a year, or the Vietnamese slug of a body or field. */
  value: string;
  name: string;
  path: string;
  items: T[];
}

export type FacetKind = 'type' | DocumentFacet;

export type DocumentFacets<T> = Record<FacetKind, FacetValue<T>[]>;

/** How each facet is named on the pages: the heading of its list of values, and of a value's page. */
export const FACET_LABELS: Record<FacetKind, { heading: string; title: (name: string) => string }> = {
  type: { heading: 'Loại văn bản', title: (name) => name },
  year: { heading: 'Năm ban hành', title: (name) => `Văn bản ban hành năm ${name}` },
  issuingBody: { heading: 'Cơ quan ban hành', title: (name) => `Văn bản của ${name}` },
  subjectArea: { heading: 'Lĩnh vực', title: (name) => `Văn bản lĩnh vực ${name}` },
};

const vietnamese = new Intl.Collator('vi');

/** Values grouped by slug; the name is the one the newest document writes (the first seen). */
function groupBy<T>(docs: readonly T[], key: (d: T) => { value: string; name: string } | undefined, path: (value: string) => string): FacetValue<T>[] {
  const groups = new Map<string, FacetValue<T>>();
  for (const doc of docs) {
    const found = key(doc);
    if (!found?.value) continue;
    const group = groups.get(found.value);
    if (group) group.items.push(doc);
    else groups.set(found.value, { value: found.value, name: found.name, path: path(found.value), items: [doc] });
  }
  return [...groups.values()];
}

const named = (text: string | null) => (text ? { value: vietnameseSlug(text), name: text } : undefined);

/**
 * Every facet value with its documents. `types` are the managed list in its order: each has a
 * page even while it has no document yet, so a link to a type never leads to a 404.
 */
export function documentFacets<T extends FacetSource>(docs: readonly T[], types: readonly { documentId: string; name: string; slug: string }[]): DocumentFacets<T> {
  const { legalDocument, documentType } = CONTENT_TYPES;
  const byType = new Map(groupBy(docs, (d) => (d.documentType ? { value: d.documentType.documentId, name: d.documentType.name } : undefined), () => '').map((g) => [g.value, g.items]));
  const byName = (a: FacetValue<T>, b: FacetValue<T>) => vietnamese.compare(a.name, b.name) || a.value.localeCompare(b.value);
  return {
    type: types.map((t) => ({ value: t.slug, name: t.name, path: entryPath(documentType, t.slug), items: byType.get(t.documentId) ?? [] })),
    year: groupBy(docs, (d) => ({ value: d.issuedAt.slice(0, 4), name: d.issuedAt.slice(0, 4) }), (year) => facetPath(legalDocument, 'year', year)).sort((a, b) => b.value.localeCompare(a.value)),
    issuingBody: groupBy(docs, (d) => named(d.issuingBody), (slug) => facetPath(legalDocument, 'issuingBody', slug)).sort(byName),
    subjectArea: groupBy(docs, (d) => named(d.subjectArea), (slug) => facetPath(legalDocument, 'subjectArea', slug)).sort(byName),
  };
}

/** `12/2021/QĐ-UBND` → `122021qdubnd`: one word Pagefind can match, however the number is typed. */
export const numberSearchWord = (number: string): string => vietnameseSlug(number).replace(/-/g, '');

/** Each facet value's page, with the route parameters of /van-ban/[facet]/[value]/ taken from its path. */
export function facetPages<T>(facets: DocumentFacets<T>): { kind: FacetKind; facet: FacetValue<T>; params: { facet: string; value: string } }[] {
  const root = CONTENT_TYPES.legalDocument.urlBase;
  return (Object.keys(FACET_LABELS) as FacetKind[]).flatMap((kind) =>
    facets[kind].map((facet) => {
      if (!facet.path.startsWith(root)) throw new Error(`facet ${facet.path} is not under ${root}`);
      const [segment = '', value = ''] = facet.path.slice(root.length).split('/');
      return { kind, facet, params: { facet: segment, value: decodeURIComponent(value) } };
    }),
  );
}
