import type { Core } from '@strapi/strapi';

/**
 * The Content API serves published content only, whatever the caller asks for.
 * Strapi lets even a read-only API token read drafts with `?status=draft`; drafts are
 * for the preview endpoint, which has its own credential.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.path.startsWith('/api/') && ctx.method === 'GET' && ctx.query.status !== undefined) {
    ctx.query = { ...ctx.query, status: 'published' };
  }
  await next();
};
