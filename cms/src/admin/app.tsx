import type { StrapiApp } from '@strapi/strapi/admin';
import { Rocket } from '@strapi/icons';
import { ArticleChecklist } from './panels/ArticleChecklist';

interface ContentManagerApis {
  addEditViewSidePanel(panels: (typeof ArticleChecklist)[]): void;
}

export default {
  config: {
    locales: ['vi'],
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'publisher-status',
      icon: Rocket,
      intlLabel: { id: 'portal.publisher-status', defaultMessage: 'Trạng thái xuất bản' },
      permissions: [],
      Component: () => import('./pages/PublisherStatus'),
    });
  },
  bootstrap(app: StrapiApp) {
    (app.getPlugin('content-manager').apis as unknown as ContentManagerApis).addEditViewSidePanel([ArticleChecklist]);
  },
};
