/**
 * The open data sets (/du-lieu-mo/), declared once: each field's stable name (English
 * camelCase, as in the REST API), its type and its meaning in Vietnamese. The JSON file, the
 * CSV file and the schema table on the page are all made from these declarations, so the three
 * cannot drift apart. Plain TypeScript over the rows' shapes (no Astro import), so the tests
 * read the same declarations the site builds from.
 */
// The .js suffixes let the root tsconfig (NodeNext) check this file through the tests.
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { entryPath, openDataPath, SITE_PATHS } from '../../../cms/src/content-model/urls.js';
import { writeCsv, type CsvCell } from './csv.js';

export type OpenDataFormat = 'json' | 'csv';
export const OPEN_DATA_FORMATS: readonly OpenDataFormat[] = ['json', 'csv'];

/** Chosen for a state body's data: reuse by anyone for any purpose, naming the source. */
export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.vi',
} as const;

/** A photo as the JSON gives it; the CSV gives its URL. */
export interface PhotoRecord {
  url: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  width: number;
  height: number;
}

/** What each type of field holds in JSON, and how it is written in a CSV cell. */
interface FieldTypes {
  text: string | null;
  code: string;
  integer: number;
  date: string | null;
  datetime: string | null;
  url: string | null;
  urls: string[];
  photos: PhotoRecord[];
}
export type FieldType = keyof FieldTypes;

/** Every type explained once on the page; the schema tables name the type. */
export const FIELD_TYPES: Record<FieldType, { label: string; meaning: string; csv(value: never): CsvCell }> = {
  text: { label: 'chuỗi', meaning: 'Văn bản Unicode dạng NFC; trống (JSON: null) khi không có.', csv: (v: string | null) => v },
  code: { label: 'mã', meaning: 'Chuỗi máy đọc (chữ không dấu, số, gạch ngang, gạch dưới), luôn có giá trị; trường có danh sách giá trị nhận một trong các giá trị nêu ở cột ý nghĩa.', csv: (v: string) => v },
  integer: { label: 'số nguyên', meaning: 'Số nguyên thập phân.', csv: (v: number) => v },
  date: { label: 'ngày', meaning: 'Ngày theo ISO 8601 (YYYY-MM-DD), không kèm giờ.', csv: (v: string | null) => v },
  datetime: { label: 'thời điểm', meaning: 'Thời điểm theo ISO 8601, giờ UTC (YYYY-MM-DDTHH:mm:ss.sssZ).', csv: (v: string | null) => v },
  url: { label: 'URL', meaning: 'Địa chỉ tuyệt đối; trống (JSON: null) khi không có.', csv: (v: string | null) => v },
  urls: { label: 'danh sách URL', meaning: 'JSON: mảng địa chỉ; CSV: các địa chỉ trong một ô, mỗi địa chỉ một dòng.', csv: (v: string[]) => v.join('\n') || null },
  photos: {
    label: 'danh sách ảnh',
    meaning: 'JSON: mảng ảnh, mỗi ảnh có url, alt (mô tả ảnh), caption (chú thích), credit (tác giả), width, height (điểm ảnh); CSV: địa chỉ các ảnh trong một ô, mỗi ảnh một dòng.',
    csv: (v: PhotoRecord[]) => v.map((photo) => photo.url).join('\n') || null,
  },
};

export interface FieldDeclaration<Row> {
  name: string;
  type: FieldType;
  meaning: string;
  value(row: Row, site: URL): FieldTypes[FieldType];
}

/** A typed field: its value must be what its type holds. */
const field = <Row, T extends FieldType>(name: string, type: T, meaning: string, value: (row: Row, site: URL) => FieldTypes[T]): FieldDeclaration<Row> => ({
  name,
  type,
  meaning,
  value,
});

export interface DataSetDeclaration<Row> {
  /** The files' name: `/du-lieu-mo/<name>.json`. */
  name: string;
  title: string;
  description: string;
  fields: readonly FieldDeclaration<Row>[];
}

const absolute = (path: string, site: URL) => new URL(path, site).href;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The rows' shapes: what the site's views give (lib/views.ts), as far as the data sets read them. */
interface PageRef {
  slug: string;
  title: string;
}

export interface TaskRow {
  documentId: string;
  title: string;
  description: string;
  year: number;
  order: number;
  status: 'planned' | 'in_progress' | 'done';
  responsibleUnit: string | null;
  dueDate: string | null;
  sourceArticle: PageRef | null;
  updatedAt: Date;
}

export interface GalleryRow {
  documentId: string;
  title: string;
  slug: string;
  description: string | null;
  takenAt: Date | null;
  photos: { image: { url: string; width: number; height: number }; alt: string; caption: string | null; credit: string | null }[];
  article: PageRef | null;
  updatedAt: Date;
}

export interface LegalDocumentRow {
  documentId: string;
  number: string;
  slug: string;
  documentType: { name: string } | null;
  issuingBody: string | null;
  signer: string | null;
  signerPosition: string | null;
  issuedAt: string;
  effectiveAt: string | null;
  validity: 'in_force' | 'expired' | 'replaced';
  replacedBy: { number: string; slug: string } | null;
  summary: string;
  subjectArea: string | null;
  attachments: { url: string }[];
  updatedAt: Date;
}

const TASK_STATUS = { planned: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành' } as const;
const VALIDITY = { in_force: 'Còn hiệu lực', expired: 'Hết hiệu lực', replaced: 'Bị thay thế' } as const;
const codes = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code} (${label.toLowerCase()})`)
    .join(', ');

const articlePage = (article: PageRef | null, site: URL) => (article ? absolute(entryPath(CONTENT_TYPES.article, article.slug), site) : null);

const LEGAL_DOCUMENTS: DataSetDeclaration<LegalDocumentRow> = {
  name: 'van-ban',
  title: 'Văn bản',
  description: 'Các văn bản quy phạm pháp luật và văn bản hành chính đã công bố trên cổng, mới ban hành trước.',
  fields: [
    field('id', 'code', 'Mã định danh ổn định của văn bản (documentId trong CMS).', (d) => d.documentId),
    field('number', 'text', 'Số, ký hiệu văn bản, ví dụ 12/2021/QĐ-UBND.', (d) => d.number),
    field('slug', 'code', 'Phần cuối đường dẫn trang văn bản trên cổng, ví dụ 12-2021-qd-ubnd.', (d) => d.slug),
    field('documentType', 'text', 'Loại văn bản: Nghị quyết, Quyết định, Kế hoạch…', (d) => d.documentType?.name ?? null),
    field('issuingBody', 'text', 'Cơ quan ban hành.', (d) => d.issuingBody),
    field('signer', 'text', 'Người ký.', (d) => d.signer),
    field('signerPosition', 'text', 'Chức vụ của người ký tại thời điểm ký.', (d) => d.signerPosition),
    field('issuedAt', 'date', 'Ngày ban hành.', (d) => d.issuedAt),
    field('effectiveAt', 'date', 'Ngày có hiệu lực.', (d) => d.effectiveAt),
    field('validity', 'code', `Tình trạng hiệu lực: ${codes(VALIDITY)}.`, (d) => d.validity),
    field('replacedBy', 'text', 'Số, ký hiệu của văn bản thay thế, khi văn bản bị thay thế.', (d) => d.replacedBy?.number ?? null),
    field('replacedByUrl', 'url', 'Trang của văn bản thay thế.', (d, site) => (d.replacedBy ? absolute(entryPath(CONTENT_TYPES.legalDocument, d.replacedBy.slug), site) : null)),
    field('summary', 'text', 'Trích yếu nội dung.', (d) => d.summary),
    field('subjectArea', 'text', 'Lĩnh vực.', (d) => d.subjectArea),
    field('attachments', 'urls', 'Tệp đính kèm (PDF, DOCX, ODT, XLSX).', (d) => d.attachments.map((file) => file.url)),
    field('url', 'url', 'Trang của văn bản trên cổng.', (d, site) => absolute(entryPath(CONTENT_TYPES.legalDocument, d.slug), site)),
    field('updatedAt', 'datetime', 'Lần cập nhật cuối.', (d) => iso(d.updatedAt)),
  ],
};

const TASKS: DataSetDeclaration<TaskRow> = {
  name: 'nhiem-vu',
  title: 'Nhiệm vụ trọng tâm',
  description: 'Các nhiệm vụ trọng tâm theo từng năm, với tình trạng thực hiện, đơn vị chủ trì và hạn hoàn thành; năm mới trước, theo số thứ tự trong năm.',
  fields: [
    field('id', 'code', 'Mã định danh ổn định của nhiệm vụ (documentId trong CMS).', (t) => t.documentId),
    field('year', 'integer', 'Năm của nhiệm vụ.', (t) => t.year),
    field('order', 'integer', 'Số thứ tự trong năm, từ 1.', (t) => t.order),
    field('title', 'text', 'Tên nhiệm vụ.', (t) => t.title),
    field('description', 'text', 'Nội dung nhiệm vụ (Markdown).', (t) => t.description || null),
    field('status', 'code', `Tình trạng: ${codes(TASK_STATUS)}.`, (t) => t.status),
    field('responsibleUnit', 'text', 'Đơn vị chủ trì.', (t) => t.responsibleUnit),
    field('dueDate', 'date', 'Hạn hoàn thành.', (t) => t.dueDate),
    field('sourceArticle', 'text', 'Tiêu đề bài viết đề ra nhiệm vụ.', (t) => t.sourceArticle?.title ?? null),
    field('sourceArticleUrl', 'url', 'Trang của bài viết đó.', (t, site) => articlePage(t.sourceArticle, site)),
    field('url', 'url', 'Trang các nhiệm vụ của năm trên cổng.', (t, site) => absolute(entryPath(CONTENT_TYPES.resolutionTask, t.year), site)),
    field('updatedAt', 'datetime', 'Lần cập nhật cuối.', (t) => iso(t.updatedAt)),
  ],
};

const GALLERIES: DataSetDeclaration<GalleryRow> = {
  name: 'thu-vien-anh',
  title: 'Thư viện ảnh',
  description: 'Các bộ ảnh đã công bố, mới chụp trước, với địa chỉ, mô tả và tác giả từng ảnh.',
  fields: [
    field('id', 'code', 'Mã định danh ổn định của bộ ảnh (documentId trong CMS).', (g) => g.documentId),
    field('title', 'text', 'Tên bộ ảnh.', (g) => g.title),
    field('slug', 'code', 'Phần cuối đường dẫn trang bộ ảnh trên cổng.', (g) => g.slug),
    field('description', 'text', 'Mô tả bộ ảnh.', (g) => g.description),
    field('takenAt', 'datetime', 'Thời gian chụp.', (g) => iso(g.takenAt)),
    field('photoCount', 'integer', 'Số ảnh.', (g) => g.photos.length),
    field('photos', 'photos', 'Các ảnh, theo thứ tự trong bộ.', (g) =>
      g.photos.map((p) => ({ url: p.image.url, alt: p.alt, caption: p.caption, credit: p.credit, width: p.image.width, height: p.image.height })),
    ),
    field('article', 'text', 'Tiêu đề bài viết có bộ ảnh.', (g) => g.article?.title ?? null),
    field('articleUrl', 'url', 'Trang của bài viết đó.', (g, site) => articlePage(g.article, site)),
    field('url', 'url', 'Trang của bộ ảnh trên cổng.', (g, site) => absolute(entryPath(CONTENT_TYPES.photoGallery, g.slug), site)),
    field('updatedAt', 'datetime', 'Lần cập nhật cuối.', (g) => iso(g.updatedAt)),
  ],
};

/** Every data set, in the page's order; legal documents are published once the site has the collection. */
export const DATA_SETS = { legalDocuments: LEGAL_DOCUMENTS, tasks: TASKS, galleries: GALLERIES } as const;
export type DataSetKey = keyof typeof DATA_SETS;

/** A data set's rows, or undefined for one the site does not publish (yet). */
export type DataSetRows = { legalDocuments?: LegalDocumentRow[]; tasks?: TaskRow[]; galleries?: GalleryRow[] };

/** `/du-lieu-mo/nhiem-vu.csv` */
export const openDataFile = (dataSet: Pick<DataSetDeclaration<never>, 'name'>, format: OpenDataFormat) => openDataPath(dataSet.name, format);

export interface OpenDataRelease {
  publisher: string;
  /**
   * The release's date: the newest change among the records of every data set. Made from the
   * content, not the clock, so the same content always gives the same files (an incremental
   * release is byte for byte the full build's). A deletion alone does not move it.
   */
  releaseDate: string | null;
}

export function releaseDate(rows: DataSetRows): string | null {
  const newest = Object.values(rows)
    .flat()
    .reduce<number | null>((max, row) => (max === null || row.updatedAt.getTime() > max ? row.updatedAt.getTime() : max), null);
  return newest === null ? null : new Date(newest).toISOString();
}

const record = <Row>(dataSet: DataSetDeclaration<Row>, row: Row, site: URL) =>
  Object.fromEntries(dataSet.fields.map((f) => [f.name, f.value(row, site)]));

/** The JSON file: the data set's metadata, its schema, then its records. */
export function dataSetJson<Row>(dataSet: DataSetDeclaration<Row>, rows: readonly Row[], release: OpenDataRelease, site: URL): string {
  const document = {
    name: dataSet.name,
    title: dataSet.title,
    description: dataSet.description,
    publisher: release.publisher,
    license: OPEN_DATA_LICENCE,
    releaseDate: release.releaseDate,
    landingPage: absolute(SITE_PATHS.openData, site),
    distribution: OPEN_DATA_FORMATS.map((format) => absolute(openDataFile(dataSet, format), site)),
    fields: dataSet.fields.map((f) => ({ name: f.name, type: f.type, description: f.meaning })),
    recordCount: rows.length,
    records: rows.map((row) => record(dataSet, row, site)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The CSV file: a header of the field names, a record per row. */
export function dataSetCsv<Row>(dataSet: DataSetDeclaration<Row>, rows: readonly Row[], site: URL): string {
  return writeCsv(
    dataSet.fields.map((f) => f.name),
    rows.map((row) => dataSet.fields.map((f) => (FIELD_TYPES[f.type].csv as (value: unknown) => CsvCell)(f.value(row, site)))),
  );
}
