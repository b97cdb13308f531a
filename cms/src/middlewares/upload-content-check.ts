import { rm } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { checkUploadedFile, type IncomingFile } from '../uploads/check-uploaded-file';

/**
 * Every file a request carries (the admin's media library, the Content API's /api/upload,
 * whatever the route) is checked by its content before any controller sees it, so a refusal
 * is a 400 naming the form field, in the shape of every other field error. Strapi's own
 * upload check runs after, and would trust a .pdf name on a page it cannot recognise.
 * The upload service checks again (cms/src/extensions/upload) for files that come another way.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  const fields = (ctx.request as { files?: Record<string, IncomingFile | IncomingFile[]> }).files;
  if (fields) {
    const all = Object.entries(fields).flatMap(([field, files]) => [files].flat().map((file) => [field, file] as const));
    try {
      for (const [field, file] of all) await checkUploadedFile(file, field);
    } catch (error) {
      // Strapi's body parser cleans up only after a request that succeeded.
      await Promise.all(all.map(([, file]) => (file.filepath ? rm(file.filepath, { force: true }) : undefined)));
      throw error;
    }
  }
  await next();
};
