import type { Core, UID } from '@strapi/strapi';
import { fileTypeOf, type FileType } from '../uploads/file-kinds';
import { fieldError } from './field-error';

type Data = Record<string, unknown>;
type Path = Array<string | number>;
type Kind = FileType['kind'];

interface Attribute {
  type: string;
  allowedTypes?: string[] | null;
  component?: string;
  repeatable?: boolean;
}

interface MediaField {
  path: Path;
  kinds: ReadonlySet<Kind>;
  refs: Array<string | number>;
}

/** A media field takes what its schema's allowedTypes says: `images` a photo, `files` a document (only the Văn bản's attachments say so). */
export function kindsOf(attribute: Pick<Attribute, 'allowedTypes'>): ReadonlySet<Kind> {
  const allowed = attribute.allowedTypes ?? ['images', 'files'];
  const kinds = new Set<Kind>();
  if (allowed.includes('images')) kinds.add('photo');
  if (allowed.includes('files')) kinds.add('document');
  return kinds;
}

/** The files a media value names: ids or documentIds, alone, in a list, or under set / connect. */
function fileRefs(value: unknown): Array<string | number> {
  if (value === null || value === undefined) return [];
  if (typeof value === 'number' || typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(fileRefs);
  if (typeof value === 'object') {
    const v = value as { id?: unknown; documentId?: unknown; set?: unknown; connect?: unknown };
    if (typeof v.id === 'number' || typeof v.id === 'string') return [v.id];
    if (typeof v.documentId === 'string') return [v.documentId];
    return [...fileRefs(v.set), ...fileRefs(v.connect)];
  }
  return [];
}

function collect(strapi: Core.Strapi, model: string, data: unknown, path: Path, into: MediaField[]): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return;
  const attributes = (strapi.getModel(model as UID.Schema)?.attributes ?? {}) as Record<string, Attribute>;
  for (const [name, value] of Object.entries(data as Data)) {
    const attribute = attributes[name];
    if (!attribute) continue;
    const here = [...path, name];
    if (attribute.type === 'media') {
      const refs = fileRefs(value);
      if (refs.length > 0) into.push({ path: here, kinds: kindsOf(attribute), refs });
    } else if (attribute.type === 'component' && attribute.component) {
      if (attribute.repeatable && Array.isArray(value)) value.forEach((item, i) => collect(strapi, attribute.component!, item, [...here, i], into));
      else collect(strapi, attribute.component, value, here, into);
    } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      value.forEach((item: Data, i) => typeof item?.__component === 'string' && collect(strapi, item.__component, item, [...here, i], into));
    }
  }
}

/**
 * A photo field keeps refusing anything but a photo, and a document (PDF, DOCX, ODT, XLSX)
 * goes only where the schema takes files: uploads accept both kinds, so the field decides.
 * The kind is the stored type, which the upload check set from the file's content.
 */
export async function checkMediaFileKinds(strapi: Core.Strapi, uid: string, data: Data): Promise<void> {
  const fields: MediaField[] = [];
  collect(strapi, uid, data, [], fields);
  for (const field of fields) {
    const ids = field.refs.filter((ref) => typeof ref === 'number' || /^\d+$/.test(ref)).map(Number);
    const documentIds = field.refs.filter((ref): ref is string => typeof ref === 'string' && !/^\d+$/.test(ref));
    const files = (await strapi.db.query('plugin::upload.file').findMany({
      where: { $or: [{ id: { $in: ids } }, { documentId: { $in: documentIds } }] },
      select: ['id', 'name', 'mime'],
    })) as Array<{ id: number; name: string; mime: string | null }>;
    for (const file of files) {
      const kind = fileTypeOf(file.mime)?.kind;
      if (kind && field.kinds.has(kind)) continue;
      const wanted = [...field.kinds].map((k) => (k === 'photo' ? 'a photo' : 'a document (PDF, DOCX, ODT, XLSX)')).join(' or ');
      throw fieldError(uid, field.path, `must be ${wanted}: "${file.name}" is ${file.mime ?? 'of no known type'}`);
    }
  }
}
