import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { DOCUMENT_EXTENSIONS } from '../uploads/file-kinds';

const DOCUMENTS = new Set(DOCUMENT_EXTENSIONS);

/**
 * The Văn bản's attachments (PDF, DOCX, ODT, XLSX) are served as downloads, never as pages of
 * the CMS's origin, where the admin's session lives: a PDF can carry scripts and forms.
 * `attachment` for PDFs too: Chrome's viewer refuses to open a PDF under
 * `Content-Security-Policy: sandbox` (crbug 413851), so "inline with the sandbox" would show
 * most readers a blocked page. The sandbox is kept as a second wall for a browser that would
 * display the file anyway. The site names each file's format and size beside its link.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  await next();
  if (!ctx.path.startsWith('/uploads/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status >= 400) return;
  if (!DOCUMENTS.has(path.extname(ctx.path).toLowerCase())) return;
  ctx.set('Content-Disposition', 'attachment');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
};
