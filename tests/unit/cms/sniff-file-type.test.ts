import { strToU8, zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffFileType } from '../../../cms/src/uploads/sniff-file-type.js';
import { FILES, MIME } from '../../helpers/document-files.js';

const ODT = 'application/vnd.oasis.opendocument.text';
const image = (format: 'png' | 'webp' | 'avif' | 'jpeg') =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#005bac' } })
    .toFormat(format)
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

/** The type of a file from its bytes alone: what every upload is held to (cms/src/uploads). */
describe('sniffFileType', () => {
  it.each([
    ['a JPEG', () => image('jpeg'), 'image/jpeg'],
    ['a PNG', () => image('png'), 'image/png'],
    ['a WebP', () => image('webp'), 'image/webp'],
    ['an AVIF', () => image('avif'), 'image/avif'],
    ['a PDF', FILES.pdf, MIME.pdf],
    ['a PDF that is also a page', FILES.pdfHtmlPolyglot, MIME.pdf],
    ['a DOCX', FILES.docx, MIME.docx],
    ['an XLSX', FILES.xlsx, MIME.xlsx],
    ['an ODT', FILES.odt, MIME.odt],
  ])('knows %s', async (_label, bytes, mime) => {
    expect(sniffFileType(await bytes())?.mime).toBe(mime);
  });

  it.each([
    ['an EXE', FILES.exe],
    ['an HTML page', FILES.html],
    ['a macro-enabled Word file', FILES.docm],
    ['a zip of anything', FILES.zip],
    ['an empty file', () => new Uint8Array(0)],
    ['a truncated zip', () => FILES.docx().slice(0, 40)],
    ['a PDF signature not at the start', () => new TextEncoder().encode(' %PDF-1.4')],
    ['an ODS spreadsheet', () => odf('application/vnd.oasis.opendocument.spreadsheet')],
    ['an ODT whose mimetype entry is compressed', () => zipSync({ mimetype: strToU8(ODT), 'content.xml': strToU8('<x/>') }, { level: 9 })],
  ])('refuses %s', async (_label, bytes) => {
    expect(sniffFileType(await bytes())).toBeUndefined();
  });
});

/** An OpenDocument file of another kind than text. */
const odf = (mimetype: string): Uint8Array =>
  zipSync({ mimetype: [strToU8(mimetype), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') } as Zippable);
