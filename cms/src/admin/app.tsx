import type { StrapiApp } from '@strapi/strapi/admin';
import { Rocket } from '@strapi/icons';

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
};
