import type { Core } from '@strapi/strapi';
import { seedSampleContent } from '../seed/seed-sample-content';

/**
 * A marker records that the sample was imported once, so an editor who deletes the
 * sample article does not see it come back on the next boot.
 */
export async function seedOnFirstBoot(strapi: Core.Strapi): Promise<void> {
  if (process.env.SEED === 'false') return;
  const marker = strapi.store({ type: 'core', name: 'portal', key: 'sample-content-imported' });
  if (await marker.get({})) return;
  const report = await seedSampleContent(strapi);
  await marker.set({ value: { at: new Date().toISOString(), created: report.created.length } });
  strapi.log.info(`Sample content: ${report.created.length} created, ${report.kept.length} already there.`);
}
