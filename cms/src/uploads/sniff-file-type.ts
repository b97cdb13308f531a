import { unzipSync } from 'fflate';
import { fileTypeOf, type FileType } from './file-kinds';

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';
/** The main part's content type, as [Content_Types].xml declares it: the macro-enabled variants (docm, xlsm) are not these. */
const OOXML_MAIN_PARTS: ReadonlyArray<[part: string, contentType: string, mime: string]> = [
  ['/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
];
/** [Content_Types].xml is a few kilobytes; a larger one is not an office file worth inflating. */
const CONTENT_TYPES_MAX_BYTES = 256 * 1024;

function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return false;
  const boxSize = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset).getUint32(0));
  // The major brand, then the compatible brands, four bytes each after the minor version.
  for (let at = 8; at + 4 <= boxSize; at += at === 8 ? 8 : 4) {
    if (['avif', 'avis'].includes(ascii(bytes, at, 4))) return true;
  }
  return false;
}

/** ODF puts an uncompressed `mimetype` entry first, so a reader knows the format from the first bytes. */
function odfMimetype(bytes: Uint8Array): string | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  if (method !== 0 || nameLength !== 8 || ascii(bytes, 30, 8) !== 'mimetype' || size > 100) return undefined;
  return ascii(bytes, 30 + nameLength + extraLength, size);
}

/** The entries' names from the central directory, and [Content_Types].xml's text; undefined if it is no readable zip. */
function readZip(bytes: Uint8Array): { names: string[]; contentTypes?: string } | undefined {
  const names: string[] = [];
  try {
    const files = unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name);
        return entry.name === '[Content_Types].xml' && entry.originalSize <= CONTENT_TYPES_MAX_BYTES;
      },
    });
    const contentTypes = files['[Content_Types].xml'];
    return { names, ...(contentTypes ? { contentTypes: new TextDecoder('utf-8', { fatal: false }).decode(contentTypes) } : {}) };
  } catch {
    return undefined;
  }
}

const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*(["'])(.*?)\\1`, 'i').exec(attrs)?.[2];

/** DOCX or XLSX when [Content_Types].xml gives the main part its content type and the part is there. */
function ooxmlMime(contentTypes: string, names: ReadonlySet<string>): string | undefined {
  const overrides = new Map<string, string>();
  for (const [, attrs = ''] of contentTypes.matchAll(/<Override\b([^>]*)>/gi)) {
    const part = attribute(attrs, 'PartName');
    const type = attribute(attrs, 'ContentType');
    if (part && type) overrides.set(part.toLowerCase(), type.toLowerCase());
  }
  for (const [part, contentType, mime] of OOXML_MAIN_PARTS) {
    if (overrides.get(part) === contentType && names.has(part.slice(1))) return mime;
  }
  return undefined;
}

function zipDocumentMime(bytes: Uint8Array): string | undefined {
  const zip = readZip(bytes);
  if (!zip) return undefined;
  const names = new Set(zip.names);
  // Macros are never a document the portal publishes, whatever the main part says.
  if (zip.names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return undefined;
  const odf = odfMimetype(bytes);
  if (odf !== undefined) return odf === ODT_MIMETYPE && names.has('content.xml') ? ODT_MIMETYPE : undefined;
  return zip.contentTypes !== undefined ? ooxmlMime(zip.contentTypes, names) : undefined;
}

/**
 * The type of a file from its bytes alone, never from its name or the client's word: a
 * photo (JPEG, PNG, WebP, AVIF) or a document (PDF, DOCX, XLSX, ODT). Anything else —
 * an executable, a page, a script, a macro-enabled or unknown office file — is undefined.
 */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, JPEG)) return fileTypeOf('image/jpeg');
  if (startsWith(bytes, PNG)) return fileTypeOf('image/png');
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return fileTypeOf('image/webp');
  if (isAvif(bytes)) return fileTypeOf('image/avif');
  if (ascii(bytes, 0, 5) === '%PDF-') return fileTypeOf('application/pdf');
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return fileTypeOf(zipDocumentMime(bytes));
  return undefined;
}
