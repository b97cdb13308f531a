import type { Core } from '@strapi/strapi';
import { runScheduledPublishing } from '../src/scheduling/run-scheduled-publishing';

export default {
  scheduledPublishing: {
    task: ({ strapi }: { strapi: Core.Strapi }) => runScheduledPublishing(strapi),
    // Every minute: an announcement set for 08:00 goes live by 08:01.
    options: { rule: '* * * * *', tz: 'Asia/Ho_Chi_Minh' },
  },
};
