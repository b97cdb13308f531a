import type { Core } from '@strapi/strapi';
import { registerContentRules } from './content-rules/register-content-rules';
import { ensureSuperAdmin } from './bootstrap/ensure-super-admin';
import { ensureSiteToken } from './bootstrap/ensure-site-token';
import { ensurePreviewToken } from './bootstrap/ensure-preview-token';
import { seedOnFirstBoot } from './bootstrap/seed-on-first-boot';
import { ensureRebuildWebhook } from './bootstrap/ensure-rebuild-webhook';
import { ensureNewsroomRoles } from './bootstrap/ensure-newsroom-roles';
import { ensureAdminViews } from './bootstrap/ensure-admin-views';
import { recordContentActions } from './audit/record-content-actions';
import { recordAdminEvents } from './audit/record-admin-events';
import { registerAuditRoute } from './audit/audit-admin-route';
import { registerLinkCheckRoute } from './link-check/link-check-admin-route';
import { runAs } from './audit/audit-actor';
import { recordVersions } from './history/record-versions';
import { registerHistoryRoutes } from './history/history-admin-route';
import { ensureVersionTable } from './history/version-table';
import { registerRedirects } from './redirects/register-redirects';
import { registerQuestionMail } from './mail/register-question-mail';
import { ensureQuestionToken } from './bootstrap/ensure-question-token';
import { ensureEngagementTables } from './engagement/engagement-tables';
import { registerEngagementRoutes } from './engagement/engagement-admin-route';
import { startViewCountSync, type ViewCountSync } from './engagement/sync-view-counts';

let booted = false;
/** Per Strapi: a test process boots several, one after another. */
const viewCountSyncs = new WeakMap<Core.Strapi, ViewCountSync>();

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerContentRules(strapi);
    recordContentActions(strapi);
    recordVersions(strapi);
    registerRedirects(strapi);
    registerQuestionMail(strapi);
    recordAdminEvents(strapi, () => booted);
    registerAuditRoute(strapi);
    registerHistoryRoutes(strapi);
    registerLinkCheckRoute(strapi);
    registerEngagementRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureNewsroomRoles(strapi);
    await ensureAdminViews(strapi);
    await ensureSuperAdmin(strapi);
    await ensureSiteToken(strapi);
    await ensurePreviewToken(strapi);
    await ensureQuestionToken(strapi);
    await ensureRebuildWebhook(strapi);
    await ensureVersionTable(strapi.db.connection);
    await ensureEngagementTables(strapi.db.connection);
    await runAs('seed', () => seedOnFirstBoot(strapi));
    viewCountSyncs.set(strapi, startViewCountSync(strapi));
    booted = true;
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await viewCountSyncs.get(strapi)?.stop();
  },
};
