import type { Core } from '@strapi/strapi';
import { runAlertEdges } from '../src/scheduling/run-alert-edges';
import { runScheduledPublishing } from '../src/scheduling/run-scheduled-publishing';
import { runAs } from '../src/audit/audit-actor';

export default {
  scheduledPublishing: {
    task: ({ strapi }: { strapi: Core.Strapi }) =>
      runAs('scheduler', async () => {
        await runScheduledPublishing(strapi);
        // The alert banners' starts and ends ride on the same clock.
        await runAlertEdges(strapi);
      }),
    options: {
      // Every minute: an announcement set for 08:00 goes live by 08:01. A test may tick in
      // seconds (SCHEDULING_CRON_RULE, six fields); read at boot, not at import.
      get rule() {
        return process.env.SCHEDULING_CRON_RULE || '* * * * *';
      },
      tz: 'Asia/Ho_Chi_Minh',
    },
  },
};
