/**
 * The open data sets' rows, read from the build's content store through the same queries as
 * the pages (published entries only, relations joined), and the release they belong to.
 */
import { getCollection, type CollectionKey } from 'astro:content';
import { collections } from '../content.config';
import type { DataSetDeclaration, DataSetKey, DataSetRows, LegalDocumentRow, OpenDataRelease } from './open-data';
import { DATA_SETS, releaseDate } from './open-data';
import { galleries, settings, tasksByYear } from './queries';

/**
 * Văn bản is published as a data set once the site has its collection (site/src/content.config.ts);
 * until then the data set stays declared and no file or table is made for it.
 */
const LEGAL_DOCUMENTS = 'legalDocuments';
const DOCUMENT_TYPES = 'documentTypes';
const hasLegalDocuments = LEGAL_DOCUMENTS in collections && DOCUMENT_TYPES in collections;

interface StoredDocument extends Omit<LegalDocumentRow, 'documentType' | 'replacedBy'> {
  documentType: string | null;
  replacedBy: string | null;
}

/** Newest issued first, then by number: the order of /van-ban/. */
async function legalDocumentRows(): Promise<LegalDocumentRow[]> {
  const read = async <T>(name: string) => (await getCollection(name as CollectionKey)).map((entry) => entry.data as unknown as T);
  const [documents, types] = await Promise.all([read<StoredDocument>(LEGAL_DOCUMENTS), read<{ documentId: string; name: string }>(DOCUMENT_TYPES)]);
  const typeById = new Map(types.map((t) => [t.documentId, t]));
  const documentById = new Map(documents.map((d) => [d.documentId, d]));
  return documents
    .map((d) => ({ ...d, documentType: (d.documentType && typeById.get(d.documentType)) || null, replacedBy: (d.replacedBy && documentById.get(d.replacedBy)) || null }))
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.number.localeCompare(b.number));
}

/** Every published data set's rows; a data set the site does not have yet is absent. */
export async function openDataRows(): Promise<DataSetRows> {
  const [byYear, galleryList, legal] = await Promise.all([tasksByYear(), galleries(), hasLegalDocuments ? legalDocumentRows() : undefined]);
  return { ...(legal ? { legalDocuments: legal } : {}), tasks: [...byYear.values()].flat(), galleries: galleryList };
}

/** The data sets this release publishes, in the page's order. */
export function publishedDataSets(rows: DataSetRows): { key: DataSetKey; dataSet: DataSetDeclaration<unknown>; rows: unknown[] }[] {
  return (Object.keys(DATA_SETS) as DataSetKey[]).flatMap((key) => {
    const list = rows[key];
    return list ? [{ key, dataSet: DATA_SETS[key] as DataSetDeclaration<unknown>, rows: list }] : [];
  });
}

export async function openDataRelease(rows: DataSetRows): Promise<OpenDataRelease> {
  return { publisher: (await settings()).portalName, releaseDate: releaseDate(rows) };
}
