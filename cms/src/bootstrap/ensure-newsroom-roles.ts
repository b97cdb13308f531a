import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { apiContentTypes, hasDraftAndPublish, ourContentTypes } from '../utils/our-content-types';

const EXPLORER = 'plugin::content-manager.explorer';

/** Permissions an author must not hold, as [action, subjects]. */
type Forbidden = (strapi: Core.Strapi) => Array<[string, string[]]>;

/**
 * The newsroom's two roles are Strapi's own Author and Editor, named for the office:
 * Tác giả writes drafts (Strapi already keeps publish from Authors), Biên tập reviews and
 * publishes. Nothing an author does may reach the public without an editor, so authors
 * lose delete and publish, every write to the types without draft & publish (attendees,
 * tasks, categories: a write there is live at once; they still read them, to link them to
 * their drafts) and the site settings altogether. Which types have drafts is
 * the declaration's draftAndPublish (cms/src/content-model); an undeclared type counts as live.
 * content-rules/editorial-control.ts holds the same rule in the Document Service. Safe to run
 * on every boot.
 */
const authorForbidden: Forbidden = (strapi) => {
  const types = apiContentTypes(strapi);
  const live = types.filter((uid) => !hasDraftAndPublish(uid));
  return [
    [`${EXPLORER}.delete`, types],
    [`${EXPLORER}.publish`, types],
    [`${EXPLORER}.create`, live],
    [`${EXPLORER}.update`, live],
    [`${EXPLORER}.read`, [CONTENT_TYPES.siteSetting.uid]],
  ];
};

const ROLES: Record<string, { name: string; description: string; forbidden: Forbidden }> = {
  'strapi-author': {
    name: 'Tác giả',
    description: 'Viết và sửa bản nháp của mình; không xuất bản, không xóa, không sửa dữ liệu dùng chung.',
    forbidden: authorForbidden,
  },
  'strapi-editor': {
    name: 'Biên tập',
    description: 'Duyệt, xuất bản, gỡ và hẹn giờ xuất bản mọi bài.',
    forbidden: () => [],
  },
};

interface Permission {
  action: string;
  subject: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

/**
 * Strapi gives its Editor and Author roles every content type when it makes them, on the
 * first boot, and never a type added later: on an older install a new type (Văn bản) would
 * be out of the newsroom's reach. Each declared type is given once, as Strapi gives it (the
 * author: own entries, no publish); a role that already holds anything on the type keeps
 * what it has. After that the type is the administrators' to change.
 */
async function giveTypesAddedLater(strapi: Core.Strapi, roles: { id: number; code: string }[]): Promise<void> {
  const record = strapi.store({ type: 'core', name: 'portal', key: 'newsroom-role-types' });
  const given = new Set(((await record.get({})) as { types?: string[] } | null)?.types ?? []);
  const pending = ourContentTypes(strapi).filter((uid) => !given.has(uid));
  if (pending.length === 0 || roles.length === 0) return;
  const actions = (strapi.service('admin::permission') as { actionProvider: { values(): { section: string }[] } }).actionProvider
    .values()
    .filter((action) => action.section === 'contentTypes');
  const permissions = (strapi.service('admin::content-type') as { getPermissionsWithNestedFields(actions: unknown[]): Permission[] })
    .getPermissionsWithNestedFields(actions)
    .filter((permission) => permission.subject !== null && pending.includes(permission.subject));
  const addPermissions = (strapi.service('admin::role') as { addPermissions(roleId: number, permissions: Permission[]): Promise<unknown> }).addPermissions;

  for (const role of roles) {
    for (const uid of pending) {
      if (await strapi.db.query('admin::permission').count({ where: { role: { id: role.id }, subject: uid } })) continue;
      const forType = permissions.filter((permission) => permission.subject === uid);
      const forRole =
        role.code === 'strapi-author'
          ? forType.filter((permission) => permission.action !== `${EXPLORER}.publish`).map((permission) => ({ ...permission, conditions: ['admin::is-creator'] }))
          : forType;
      await addPermissions(role.id, forRole);
    }
  }
  await record.set({ value: { types: [...given, ...pending] } });
}

export async function ensureNewsroomRoles(strapi: Core.Strapi): Promise<void> {
  const roles: { id: number; code: string; name: string; description: string }[] = await strapi.db
    .query('admin::role')
    .findMany({ where: { code: { $in: Object.keys(ROLES) } } });
  // Before the author's limits below, which then take back what an author may not hold.
  await giveTypesAddedLater(strapi, roles);
  for (const [code, wanted] of Object.entries(ROLES)) {
    const role = roles.find((r) => r.code === code);
    if (!role) continue;
    if (role.name !== wanted.name || role.description !== wanted.description) {
      await strapi.db.query('admin::role').update({ where: { id: role.id }, data: { name: wanted.name, description: wanted.description } });
    }
    for (const [action, subjects] of wanted.forbidden(strapi)) {
      if (subjects.length === 0) continue;
      await strapi.db.query('admin::permission').deleteMany({ where: { role: { id: role.id }, action, subject: { $in: subjects } } });
    }
  }
}
