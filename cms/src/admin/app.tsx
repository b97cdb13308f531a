import type { StrapiApp } from '@strapi/strapi/admin';
import { Clock, Discuss, Rocket } from '@strapi/icons';
import { ArticleChecklist } from './panels/ArticleChecklist';
import { ContentHistory } from './panels/ContentHistory';
import { portalWording, vietnamese } from './translations/vi';

/** Strapi's own key for the admin language an editor chose (in their profile). */
const LANGUAGE_KEY = 'strapi-admin-language';

interface ContentManagerApis {
  addEditViewSidePanel(panels: Array<typeof ArticleChecklist | typeof ContentHistory>): void;
}

export default {
  config: {
    locales: ['vi'],
    translations: { vi: { ...vietnamese, ...portalWording } },
  },
  register(app: StrapiApp) {
    // Strapi opens in English until an editor picks a language; the district works in Vietnamese.
    if (!localStorage.getItem(LANGUAGE_KEY)) localStorage.setItem(LANGUAGE_KEY, 'vi');
    app.addMenuLink({
      to: 'publisher-status',
      icon: Rocket,
      intlLabel: { id: 'portal.publisher-status', defaultMessage: 'Trạng thái xuất bản' },
      permissions: [],
      Component: () => import('./pages/PublisherStatus'),
    });
    app.addMenuLink({
      to: 'audit-log',
      icon: Clock,
      intlLabel: { id: 'portal.audit-log', defaultMessage: 'Nhật ký hoạt động' },
      // Shown to those who may change roles (super admins); the route itself admits super admins only.
      permissions: [{ action: 'admin::roles.update', subject: null }],
      Component: () => import('./pages/AuditLog'),
    });
    app.addMenuLink({
      to: 'tuong-tac',
      icon: Discuss,
      intlLabel: { id: 'portal.engagement', defaultMessage: 'Tương tác' },
      // Shown to those who may publish (Biên tập, super admins); the routes admit those roles only.
      permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: 'api::article.article' }],
      Component: () => import('./pages/Engagement'),
    });
  },
  bootstrap(app: StrapiApp) {
    (app.getPlugin('content-manager').apis as unknown as ContentManagerApis).addEditViewSidePanel([ArticleChecklist, ContentHistory]);
  },
};
