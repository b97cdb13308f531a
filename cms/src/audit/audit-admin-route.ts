import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { AUDIT_TABLE, fromRow } from './audit-table';
import { dayAfter, dayStart } from './audit-days';

const SUPER_ADMIN = 'strapi-super-admin';
const PAGE_SIZE = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** The admin page's filters; anything else is a 400 naming the parameter. */
export const auditQuery = z
  .object({
    user: z.string().max(200).optional(),
    action: z.string().max(64).regex(/^[a-z.-]*$/).optional(),
    type: z.string().max(128).optional(),
    since: day.optional(),
    until: day.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .strict();


/**
 * GET /admin/audit-log: the log for super admins only, whatever the role's permissions say
 * (a permission can be granted by mistake; the log is about those who grant them).
 */
export function registerAuditRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/audit-log',
        handler: async (ctx: any) => {
          const roles: Array<{ code?: string }> = ctx.state.user?.roles ?? [];
          if (!roles.some((role) => role.code === SUPER_ADMIN)) throw new errors.ForbiddenError('Only a super admin may read the audit log');
          const parsed = auditQuery.safeParse(ctx.query);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw new errors.ValidationError(`${issue.path.join('.') || 'query'}: ${issue.message}`, { errors: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) });
          }
          const { user, action, type, since, until, page } = parsed.data;
          const knex = strapi.db.connection;
          const filtered = () => {
            const query = knex(AUDIT_TABLE);
            if (user) query.whereRaw('lower(actor) like ?', [`%${user.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`]);
            if (action) query.where('action', 'like', `${action}%`);
            if (type) query.where('subject_type', type);
            if (since) query.where('at', '>=', dayStart(since));
            if (until) query.where('at', '<', dayAfter(until));
            return query;
          };
          const [counted] = await filtered().count({ total: '*' });
          const rows = await filtered().orderBy('id', 'desc').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE);
          ctx.body = { data: rows.map(fromRow), meta: { page, pageSize: PAGE_SIZE, total: Number(counted?.total ?? 0) } };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
