import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { apiContentTypes, hasDraftAndPublish } from '../utils/our-content-types';

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
