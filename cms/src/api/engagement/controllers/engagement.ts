import type { Core } from '@strapi/strapi';
import { siteData } from '../../../engagement/site-data';

/** `api::engagement.engagement.siteData`: SITE_DATA_ACTION in bootstrap/ensure-site-token.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async siteData(ctx: { body: unknown; set(name: string, value: string): void }) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await siteData(strapi);
  },
});
