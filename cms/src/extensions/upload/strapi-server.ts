import type { Core, UID } from '@strapi/strapi';
import { kindsOf } from '../../content-rules/media-file-kinds';
import { fieldError } from '../../content-rules/field-error';
import { checkUploadedFile, type IncomingFile } from '../../uploads/check-uploaded-file';
import { fileTypeOf, type FileType } from '../../uploads/file-kinds';

type UploadData = { ref?: unknown; field?: unknown } & Record<string, unknown>;
type UploadService = {
  upload(input: { data: UploadData; files: IncomingFile | IncomingFile[] }, opts?: unknown): Promise<unknown>;
  replace(id: unknown, input: { data: UploadData; file: IncomingFile }, opts?: unknown): Promise<unknown>;
} & Record<string, unknown>;
type Plugin = { services: Record<string, (deps: { strapi: Core.Strapi }) => UploadService> };

/**
 * An upload may name the entry field it is for (`ref`, `refId`, `field`) and is then linked
 * without the Document Service: the field's kind is checked here as
 * content-rules/media-file-kinds.ts checks it there.
 */
function checkTargetField(strapi: Core.Strapi, data: UploadData, type: FileType): void {
  if (typeof data.ref !== 'string' || typeof data.field !== 'string') return;
  const attribute = (strapi.getModel(data.ref as UID.Schema)?.attributes as Record<string, { type: string; allowedTypes?: string[] | null }> | undefined)?.[data.field];
  if (attribute?.type !== 'media' || kindsOf(attribute).has(type.kind)) return;
  throw fieldError(data.ref, [data.field], `must not take a ${type.kind} (${type.label})`);
}

/**
 * Every file stored, whichever way it came (a form, the admin's "from URL", the seed, a
 * script), is a photo or a document by its content and within its size; the request
 * middleware (cms/src/middlewares/upload-content-check.ts) has said so already for forms,
 * with the form field's name. The type found is the one stored.
 */
export default (plugin: Plugin): Plugin => {
  const strapiUpload = plugin.services.upload!;
  plugin.services.upload = (deps) => {
    const service = strapiUpload(deps);
    return {
      ...service,
      async upload(input, opts) {
        for (const file of [input.files].flat()) checkTargetField(deps.strapi, input.data ?? {}, await checkUploadedFile(file));
        return service.upload.call(this, input, opts);
      },
      async replace(id, input, opts) {
        const type = await checkUploadedFile(input.file);
        // The file keeps its id and so every field it is in: a photo stays a photo.
        const old = (await deps.strapi.db.query('plugin::upload.file').findOne({ where: { id }, select: ['mime'] })) as { mime?: string } | null;
        const oldKind = fileTypeOf(old?.mime)?.kind;
        if (oldKind && oldKind !== type.kind) throw fieldError('plugin::upload.file', ['files'], `must be a ${oldKind} like the file it replaces, not a ${type.label}`);
        return service.replace.call(this, id, input, opts);
      },
    };
  };
  return plugin;
};
