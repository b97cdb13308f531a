import type { Core } from '@strapi/strapi';
import { hasDraftAndPublish, ourContentTypes } from '../utils/our-content-types';

const EXPLORER = 'plugin::content-manager.explorer';
const SITE_SETTINGS = 'api::site-setting.site-setting';

/** Permissions an author must not hold, as [action, subjects]. */
type Forbidden = (strapi: Core.Strapi) => Array<[string, string[]]>;

/**
 * The newsroom's two roles are Strapi's own Author and Editor, named for the office:
 * Tác giả writes drafts (Strapi already keeps publish from Authors), Biên tập reviews and
 * publishes. Nothing an author does may reach the public without an editor, so authors
 * lose delete and publish, every write to the types without draft & publish (attendees,
 * tasks, categories: a write there is live at once; they still read them, to link them to
 * their drafts) and the site settings altogether. content-rules/editorial-control.ts holds
 * the same rule in the Document Service. Safe to run on every boot.
 */
const authorForbidden: Forbidden = (strapi) => {
  const types = ourContentTypes(strapi);
  const live = types.filter((uid) => !hasDraftAndPublish(strapi, uid));
  return [
    [`${EXPLORER}.delete`, types],
    [`${EXPLORER}.publish`, types],
    [`${EXPLORER}.create`, live],
    [`${EXPLORER}.update`, live],
    [`${EXPLORER}.read`, [SITE_SETTINGS]],
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

export async function ensureNewsroomRoles(strapi: Core.Strapi): Promise<void> {
  for (const [code, wanted] of Object.entries(ROLES)) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
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
