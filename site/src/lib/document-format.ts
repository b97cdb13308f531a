/** How a legal document's dates, status and files read on its pages. */
// The .js suffix lets the root tsconfig (NodeNext) check this file through the unit tests.
import type { LegalDocument } from './schemas.js';

export const validityLabel: Record<LegalDocument['validity'], string> = {
  in_force: 'Còn hiệu lực',
  expired: 'Hết hiệu lực',
  replaced: 'Bị thay thế',
};

/** `2021-03-15` → `15/03/2021`: a calendar date, read as written, whatever the build machine's zone. */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** A calendar date as the moment it begins in Hanoi, for `<time datetime>` and the search shard. */
export const dayInVietnam = (date: string): string => `${date}T00:00:00+07:00`;

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Strapi's size in kilobytes → `245 KB`, `1,2 MB`, as Vietnamese writes decimals. */
export function fileSize(kilobytes: number): string {
  if (kilobytes < 1) return '1 KB';
  if (kilobytes < 1000) return `${Math.round(kilobytes)} KB`;
  return `${decimal.format(kilobytes / 1024)} MB`;
}

const FORMATS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

/** The format a reader knows the file by: from its type as the CMS sniffed it, else its extension. */
export function fileFormat(file: { ext: string; mime: string }): string {
  return FORMATS[file.mime] ?? (file.ext.replace(/^\./, '').toUpperCase() || 'Tệp');
}
