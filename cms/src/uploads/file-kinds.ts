/**
 * What the portal accepts as an upload, decided from a file's content (./sniff-file-type.ts):
 * photos for every photo field, and the four document formats for the fields whose schema
 * takes `files` (the Văn bản's attachments). Each type lists the name endings it may carry,
 * since the CMS serves a file by its stored name's ending.
 */
export interface FileType {
  readonly mime: string;
  readonly kind: 'photo' | 'document';
  /** Lower case, with the dot; the first is the one to use. */
  readonly extensions: readonly string[];
  /** How the site and editors name it. */
  readonly label: string;
}

export const FILE_TYPES: readonly FileType[] = [
  { mime: 'image/jpeg', kind: 'photo', extensions: ['.jpg', '.jpeg'], label: 'JPEG' },
  { mime: 'image/png', kind: 'photo', extensions: ['.png'], label: 'PNG' },
  { mime: 'image/webp', kind: 'photo', extensions: ['.webp'], label: 'WebP' },
  { mime: 'image/avif', kind: 'photo', extensions: ['.avif'], label: 'AVIF' },
  { mime: 'application/pdf', kind: 'document', extensions: ['.pdf'], label: 'PDF' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document', extensions: ['.docx'], label: 'DOCX' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'document', extensions: ['.xlsx'], label: 'XLSX' },
  { mime: 'application/vnd.oasis.opendocument.text', kind: 'document', extensions: ['.odt'], label: 'ODT' },
];

const byMime = new Map(FILE_TYPES.map((type) => [type.mime, type]));

export const fileTypeOf = (mime: string | null | undefined): FileType | undefined => (mime ? byMime.get(mime.toLowerCase()) : undefined);

export const mimesOf = (kind: FileType['kind']): string[] => FILE_TYPES.filter((type) => type.kind === kind).map((type) => type.mime);

/** The stored name endings that are documents: the CMS serves these as downloads. */
export const DOCUMENT_EXTENSIONS: readonly string[] = FILE_TYPES.filter((type) => type.kind === 'document').flatMap((type) => type.extensions);
