import type { Core } from '@strapi/strapi';

const OUR_TYPES = [
  'api::article.article',
  'api::attendee.attendee',
  'api::resolution-task.resolution-task',
  'api::photo-gallery.photo-gallery',
  'api::category.category',
  'api::site-setting.site-setting',
];

/**
 * The newsroom's two roles are Strapi's own Author and Editor, named for the office:
 * Tác giả writes drafts (Strapi already keeps publish from Authors), Biên tập reviews and
 * publishes. Authors also lose delete, so nothing they do can take published news down.
 * Safe to run on every boot.
 */
const ROLES = {
  'strapi-author': {
    name: 'Tác giả',
    description: 'Viết và sửa bản nháp của mình; không xuất bản, không xóa.',
    forbidden: ['plugin::content-manager.explorer.delete', 'plugin::content-manager.explorer.publish'],
  },
  'strapi-editor': {
    name: 'Biên tập',
    description: 'Duyệt, xuất bản, gỡ và hẹn giờ xuất bản mọi bài.',
    forbidden: [],
  },
} as const;

export async function ensureNewsroomRoles(strapi: Core.Strapi): Promise<void> {
  for (const [code, wanted] of Object.entries(ROLES)) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!role) continue;
    if (role.name !== wanted.name || role.description !== wanted.description) {
      await strapi.db.query('admin::role').update({ where: { id: role.id }, data: { name: wanted.name, description: wanted.description } });
    }
    if (wanted.forbidden.length > 0) {
      await strapi.db.query('admin::permission').deleteMany({
        where: { role: { id: role.id }, action: { $in: [...wanted.forbidden] }, subject: { $in: OUR_TYPES } },
      });
    }
  }
}
