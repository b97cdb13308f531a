/**
 * CSV as RFC 4180 writes it and Excel opens it: UTF-8 with a byte order mark (else Excel reads
 * Vietnamese as Windows-1258 mojibake), CRLF line ends, a header row, a field quoted when it
 * holds a quote, comma, CR or LF, quotes doubled. Text is hostile input: a cell that starts
 * with = + - @ (or a tab or CR, which some spreadsheets skip before one) would run as a
 * formula, so it gets a leading apostrophe (OWASP's CSV injection advice). Numbers are numbers
 * and are written as they are.
 */
export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, neutralised and quoted as needed; null is an empty field. */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`CSV: ${value} is not a number a spreadsheet can hold`);
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, header, one record per row, each line ended by CRLF. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const line = (cells: readonly CsvCell[]) => {
    if (cells.length !== header.length) throw new Error(`CSV: a row of ${cells.length} fields under a header of ${header.length}`);
    return cells.map(csvField).join(',') + CRLF;
  };
  return CSV_BOM + line(header) + rows.map(line).join('');
}
