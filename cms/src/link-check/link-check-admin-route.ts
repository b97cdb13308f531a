import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { sitePathStatus } from './site-path-status';

/** Links a body holds to the portal, asked for at once; the panel sends what the editor wrote. */
export const MAX_PATHS = 50;

/** A path on the site, as the panel reads it from a link: no scheme, host, query or fragment. */
const sitePath = z
  .string()
  .max(512)
  .regex(/^\/(?!\/)[^?#\\\s]*$/, 'a path on this site starting with "/", without query or fragment');

export const sitePathsBody = z.object({ paths: z.array(sitePath).min(1).max(MAX_PATHS) }).strict();

/**
 * POST /admin/link-check/site-paths: for the "check before publishing" panel, what each portal
 * page a body links to is now (published, draft only, missing, redirected). Signed-in admin
 * users only; it says no more than the content manager shows them.
 */
export function registerLinkCheckRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'POST',
        path: '/link-check/site-paths',
        handler: async (ctx: any) => {
          const parsed = sitePathsBody.safeParse(ctx.request.body);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw new errors.ValidationError(`${issue.path.join('.') || 'body'}: ${issue.message}`, { errors: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) });
          }
          const paths = [...new Set(parsed.data.paths)];
          const statuses = await Promise.all(paths.map(async (path) => ({ path, status: await sitePathStatus(strapi, path) })));
          ctx.body = { data: statuses };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
