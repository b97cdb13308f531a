import type { Core } from '@strapi/strapi';
import { PREVIEW_TOKEN_NAME } from '../bootstrap/ensure-preview-token';

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/**
 * The Content API serves published content only, whatever the caller asks for, except to
 * the preview token. Strapi lets even a read-only API token read drafts with
 * `?status=draft`. This runs before Strapi authenticates the route, so the token is
 * recognised by its hash, as Strapi itself stores it.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    if (ctx.path.startsWith('/api/') && ctx.method === 'GET' && ctx.query.status !== undefined && ctx.query.status !== 'published') {
      if (!(await isPreviewToken(strapi, bearer(ctx.get('authorization'))))) ctx.query = { ...ctx.query, status: 'published' };
    }
    await next();
  };

async function isPreviewToken(strapi: Core.Strapi, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const stored = await strapi.db.query('admin::api-token').findOne({ where: { name: PREVIEW_TOKEN_NAME }, select: ['accessKey'] });
  return Boolean(stored) && strapi.service('admin::api-token').hash(token) === stored.accessKey;
}
