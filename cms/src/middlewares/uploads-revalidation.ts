import type { Core } from '@strapi/strapi';

/**
 * Answers "has this upload changed?" with 304 when it has not. Strapi serves uploads with
 * Last-Modified and `max-age=0` but never checks If-Modified-Since, so every site build
 * downloaded each photo again and Astro re-encoded every image variant of the pages it
 * rendered (seconds of AVIF per page). A replaced file keeps its URL and gets a new
 * Last-Modified, so it is still fetched again.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  await next();
  if (!ctx.path.startsWith('/uploads/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200 || !ctx.fresh) return;
  // The file stream koa-static opened is never read: close it, or its descriptor lingers.
  const body: unknown = ctx.body;
  if (body && typeof (body as { destroy?: unknown }).destroy === 'function') (body as { destroy(): void }).destroy();
  ctx.status = 304;
  ctx.body = null;
};
