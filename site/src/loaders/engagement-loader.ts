/**
 * The `engagement` collection: one entry, the CMS's engagement site data, fetched whole at every
 * build (incremental ones too: the counts move without any entry's updatedAt moving). A CMS
 * without the route (404) leaves the site building on each entry's own viewCount, said once.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
// The .js suffixes let the root tsconfig (NodeNext) check this file through the unit tests.
import { NO_SITE_DATA, readSiteData, SITE_DATA_ENDPOINT, type SiteData } from './engagement-site-data.js';
import { loaderEnv, type LoaderEnv } from './loader-env.js';
import { createStrapiClient, StrapiError } from './strapi-client.js';

export const SITE_DATA_ID = 'site';

export function engagementLoader(options: { env?: () => LoaderEnv } = {}): Loader {
  return {
    name: 'strapi-engagement',
    async load(context: LoaderContext) {
      const client = createStrapiClient((options.env ?? loaderEnv)());
      const body = await client.get(SITE_DATA_ENDPOINT, new URLSearchParams()).catch((error: unknown) => {
        if (error instanceof StrapiError && error.status === 404) return undefined;
        throw error;
      });
      let data: SiteData;
      if (body === undefined) {
        context.logger.warn(`engagement: the CMS has no /api/${SITE_DATA_ENDPOINT} (404); pages show each entry's own viewCount, without "Đọc nhiều" or ratings`);
        data = NO_SITE_DATA;
      } else {
        data = readSiteData(body);
        context.logger.info(`engagement: ${Object.keys(data.viewCounts).length} view counts, ${data.mostRead.length} most read, ${data.ratings.length} rating months`);
      }
      const parsed = await context.parseData({ id: SITE_DATA_ID, data: { ...data } });
      context.store.set({ id: SITE_DATA_ID, data: parsed, digest: context.generateDigest(parsed) });
    },
  };
}
