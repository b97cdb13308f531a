import type { Core } from '@strapi/strapi';
import { adminName, currentActor } from './audit-actor';
import { audit } from './audit-log';

type Row = Record<string, unknown>;
type User = { email?: string | null; firstname?: string | null; lastname?: string | null; isActive?: boolean; roles?: Array<{ code?: string }> };

const userDetail = (user: User | undefined) => ({ email: user?.email ?? null, roles: (user?.roles ?? []).map((role) => role.code ?? null), isActive: user?.isActive ?? null });
const unique = <T>(values: T[]) => [...new Set(values)];

/** A token's update that is only Strapi noting its last use is not a change anyone made. */
const TOKEN_BOOKKEEPING = new Set(['lastUsedAt', 'updatedAt']);

/**
 * Sign-ins, users, roles, permissions and API tokens, from Strapi's event hub and the token
 * table's lifecycle (every path that writes a token goes through it). Passwords and tokens are
 * never in an entry: only names, codes and emails are read from what Strapi hands over.
 */
export function recordAdminEvents(strapi: Core.Strapi, booted: () => boolean): void {
  const on = (event: string, handler: (payload: any) => Promise<void>) => strapi.eventHub.on(event, handler);
  const requestEmail = () => {
    const ctx = strapi.requestContext.get() as { request?: { body?: { email?: unknown } } } | undefined;
    const email = ctx?.request?.body?.email;
    return typeof email === 'string' ? email.slice(0, 254) : null;
  };

  on('admin.auth.success', async ({ user }: { user: User }) => {
    await audit(strapi, { action: 'admin.login', subjectType: 'admin::user', actor: { ...currentActor(strapi), kind: 'admin', name: adminName(user) } });
  });
  on('admin.auth.error', async ({ error }: { error?: Error }) => {
    await audit(strapi, { action: 'admin.login.failed', subjectType: 'admin::user', detail: { email: requestEmail(), reason: error?.message ?? null } });
  });
  on('admin.logout', async ({ user }: { user: User }) => {
    await audit(strapi, { action: 'admin.logout', subjectType: 'admin::user', actor: { ...currentActor(strapi), kind: 'admin', name: adminName(user) } });
  });
  for (const verb of ['create', 'update', 'delete']) {
    on(`user.${verb}`, async ({ user, users }: { user?: User; users?: User[] }) => {
      for (const one of users ?? [user]) await audit(strapi, { action: `admin-user.${verb}`, subjectType: 'admin::user', detail: userDetail(one) });
    });
    on(`role.${verb}`, async ({ role }: { role: Row }) => {
      await audit(strapi, { action: `role.${verb}`, subjectType: 'admin::role', subjectId: String(role?.id ?? ''), detail: { name: role?.name ?? null, code: role?.code ?? null } });
    });
    on(`permission.${verb}`, async ({ permissions }: { permissions?: Row[] | Row }) => {
      // Strapi rewrites the super admin's permissions at every start: that is not a change anyone made.
      if (!booted() && !strapi.requestContext.get()) return;
      const list = Array.isArray(permissions) ? permissions : permissions ? [permissions] : [];
      if (list.length === 0) return;
      await audit(strapi, {
        action: `permission.${verb}`,
        subjectType: 'admin::permission',
        detail: { count: list.length, roles: unique(list.map((p) => (p.role as Row | undefined)?.id ?? p.role ?? null)), actions: unique(list.map((p) => p.action)).slice(0, 40) },
      });
    });
  }

  strapi.db.lifecycles.subscribe({
    models: ['admin::api-token'],
    async afterCreate(event: any) {
      const token = event.result as Row;
      await audit(strapi, { action: 'api-token.create', subjectType: 'admin::api-token', subjectId: String(token.id), detail: { name: token.name, type: token.type, lifespan: token.lifespan ?? null } });
    },
    async afterUpdate(event: any) {
      const fields = Object.keys(event.params?.data ?? {}).filter((field) => !TOKEN_BOOKKEEPING.has(field));
      if (fields.length === 0) return;
      const token = event.result as Row;
      const action = fields.includes('accessKey') ? 'api-token.regenerate' : 'api-token.update';
      await audit(strapi, { action, subjectType: 'admin::api-token', subjectId: String(token?.id ?? ''), detail: { name: token?.name ?? null, fields: fields.filter((field) => field !== 'accessKey') } });
    },
    async afterDelete(event: any) {
      const token = event.result as Row | null;
      await audit(strapi, { action: 'api-token.revoke', subjectType: 'admin::api-token', subjectId: String(token?.id ?? ''), detail: { name: token?.name ?? null } });
    },
  } as never);
}
