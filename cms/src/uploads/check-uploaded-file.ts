import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fieldError } from '../content-rules/field-error';
import { FILE_TYPES, type FileType } from './file-kinds';
import { sniffFileType } from './sniff-file-type';
import { uploadLimits, type UploadLimits } from './upload-limits';

/** A file as formidable and Strapi's upload service hold it (the seed's too). */
export interface IncomingFile {
  filepath?: string;
  originalFilename?: string | null;
  name?: string;
  mimetype?: string | null;
  detectedMimeType?: string;
}

const FILE = 'plugin::upload.file';
// KiB below a mebibyte, so a small limit is not printed as "0 MiB".
const readableSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
const labels = (kind: FileType['kind']) => FILE_TYPES.filter((type) => type.kind === kind).map((type) => type.label).join(', ');

/**
 * Accepts a photo or a document by its content, under its kind's size limit, and only under
 * a name that ends as its content is (the CMS serves a file by its stored name: an HTML page
 * named .jpg must never be served as a page, nor a PDF named .docx). Sets the file's type to
 * what its bytes are, so Strapi stores that and not the client's word. Throws a 400 naming
 * `field` otherwise.
 */
export async function checkUploadedFile(file: IncomingFile, field = 'files', limits: UploadLimits = uploadLimits()): Promise<FileType> {
  const name = file.originalFilename ?? file.name ?? '';
  const refuse = (message: string) => fieldError(FILE, [field], `"${name}" ${message}`);
  if (!file.filepath) throw refuse('has no content to check');
  const { size } = await stat(file.filepath);
  // Nothing larger than either limit is read into memory.
  if (size > limits.requestMaxBytes) throw refuse(`is ${readableSize(size)}, over the ${readableSize(limits.requestMaxBytes)} limit`);

  const type = sniffFileType(new Uint8Array(await readFile(file.filepath)));
  if (!type) throw refuse(`is neither a photo (${labels('photo')}) nor a document (${labels('document')}) by its content`);
  const extension = path.extname(name).toLowerCase();
  if (!type.extensions.includes(extension)) throw refuse(`is a ${type.label} file by its content, so its name must end in ${type.extensions.join(' or ')}`);
  const limit = type.kind === 'photo' ? limits.photoMaxBytes : limits.documentMaxBytes;
  if (size > limit) throw refuse(`is ${readableSize(size)}; a ${type.kind} may be at most ${readableSize(limit)}`);

  file.mimetype = type.mime;
  file.detectedMimeType = type.mime;
  return type;
}
