import { strToU8, zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { sampleDocx, samplePdf } from '../../cms/src/seed/sample-attachments.js';

/**
 * Files as editors and attackers would send them: the real formats (made the way the sample
 * import makes its own, or zipped here), and hostile bytes under a document's name.
 */
const xml = '<?xml version="1.0" encoding="UTF-8"?>';
const OOXML_TYPES = (override: string) =>
  `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${override}</Types>`;

export const FILES = {
  pdf: () => samplePdf(['Tep thu nghiem', 'Du lieu mau']),
  /** A PDF padded with a comment to `bytes`, still a PDF by its first bytes. */
  pdfOfSize: (bytes: number) => {
    const head = samplePdf(['Tep lon']);
    const out = new Uint8Array(bytes).fill(0x25);
    out.set(head);
    return out;
  },
  docx: () => sampleDocx(['Văn bản thử nghiệm', 'Dữ liệu mẫu']),
  xlsx: () =>
    zipSync({
      '[Content_Types].xml': strToU8(
        OOXML_TYPES('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'),
      ),
      'xl/workbook.xml': strToU8(`${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`),
    }),
  odt: () =>
    zipSync({
      // ODF: the uncompressed `mimetype` entry first.
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(`${xml}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`),
    } as Zippable),
  /** A Word file with macros, under a .docx name. */
  docm: () =>
    zipSync({
      '[Content_Types].xml': strToU8(
        OOXML_TYPES('<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'),
      ),
      'word/document.xml': strToU8(`${xml}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`),
      'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
    }),
  /** A spreadsheet whose zip says it is a Word file's: neither, so refused. */
  zip: () => zipSync({ 'readme.txt': strToU8('không phải văn bản') }),
  /** A Windows executable's first bytes: the MZ header and the PE signature's offset. */
  exe: () => {
    const bytes = new Uint8Array(512);
    bytes.set([0x4d, 0x5a, 0x90, 0x00]);
    bytes.set(strToU8('This program cannot be run in DOS mode.'), 0x4e);
    bytes.set([0x80, 0, 0, 0], 0x3c);
    bytes.set(strToU8('PE\0\0'), 0x80);
    return bytes;
  },
  html: () => strToU8('<!doctype html><html><body><script>fetch("/admin/users/me").then(r=>r.text()).then(alert)</script></body></html>'),
  /** A page that starts as a PDF would: a PDF by its first bytes, so served as a download. */
  pdfHtmlPolyglot: () => strToU8('%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n%%EOF\n'),
  jpeg: async () => new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#a50e0e' } }).jpeg().toBuffer()),
} as const;

export const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/** POSTs one file to an upload route as a browser form would, with the name and type the client claims. */
export async function uploadFile(
  url: string,
  token: string,
  file: { name: string; type: string; bytes: Uint8Array },
  fields: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('files', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
