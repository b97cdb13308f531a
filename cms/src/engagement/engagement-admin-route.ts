import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { COMMENT_STATUSES, vietnamDay } from './engagement-tables';
import { COMMENTS_PAGE_SIZE, listComments, mostViewed, ratedMonths, ratingsByPage } from './engagement-reports';
import { moderateComment, type Moderator } from './moderate-comment';

/**
 * Who reads the public's ratings and comments: Biên tập and super admins. Tác giả do not: the
 * comments are citizens' free text, which may hold what they should not have typed (a name, a
 * phone number), and judging them is the editors' job; fewer eyes on it is the privacy rule.
 * By role, not by a permission, like the audit log: a permission can be granted by mistake.
 */
export const ENGAGEMENT_ROLES = ['strapi-super-admin', 'strapi-editor'] as const;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const ratingsQuery = z.object({ month: month.optional() }).strict();
const commentsQuery = z
  .object({
    status: z.enum(COMMENT_STATUSES).default('new'),
    month: month.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .strict();
/** Within the column's integer range on every database: anything past it is no comment, said as a 400. */
const commentParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a comment id').transform(Number).pipe(z.number().max(2_147_483_647, 'a comment id')) });
const moderation = z.object({ status: z.enum(COMMENT_STATUSES) }).strict();

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
  throw new errors.ValidationError(`${name || 'body'}: ${issue.message}`, { errors: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) });
}

function allow(ctx: { state: { user?: Moderator & { roles?: Array<{ code?: string }> } } }): Moderator {
  const user = ctx.state.user;
  if (!user || !(user.roles ?? []).some((role) => (ENGAGEMENT_ROLES as readonly string[]).includes(String(role.code)))) {
    throw new errors.ForbiddenError('Only editors (Biên tập) and super admins may read engagement');
  }
  return user;
}

const policies = { policies: ['admin::isAuthenticatedAdmin'] };

/** The "Tương tác" page's reads (ratings, comments, most viewed) and its one write, moderation. */
export function registerEngagementRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/engagement/ratings',
        handler: async (ctx: any) => {
          allow(ctx);
          const query = parse(ratingsQuery, ctx.query);
          const months = await ratedMonths(strapi);
          const wanted = query.month ?? months[0] ?? vietnamDay().slice(0, 7);
          ctx.body = { data: await ratingsByPage(strapi, wanted), meta: { month: wanted, months } };
        },
        config: policies,
      },
      {
        method: 'GET',
        path: '/engagement/comments',
        handler: async (ctx: any) => {
          allow(ctx);
          const query = parse(commentsQuery, ctx.query);
          const { data, total, counts } = await listComments(strapi, query);
          ctx.body = { data, meta: { status: query.status, page: query.page, pageSize: COMMENTS_PAGE_SIZE, total, counts } };
        },
        config: policies,
      },
      {
        method: 'PUT',
        path: '/engagement/comments/:id',
        handler: async (ctx: any) => {
          const user = allow(ctx);
          const { id } = parse(commentParams, ctx.params);
          const { status } = parse(moderation, ctx.request.body);
          ctx.body = { data: await moderateComment(strapi, id, status, user) };
        },
        config: policies,
      },
      {
        method: 'GET',
        path: '/engagement/most-viewed',
        handler: async (ctx: any) => {
          allow(ctx);
          parse(z.object({}).strict(), ctx.query);
          ctx.body = { data: await mostViewed(strapi) };
        },
        config: policies,
      },
    ],
  } as never);
}
