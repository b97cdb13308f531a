import type { Core } from '@strapi/strapi';
import { contentReadActions } from './read-only-token';
import { ensureCustomToken } from './custom-token';
import { siteTokenFile } from './runtime-paths';

export const SITE_TOKEN_NAME = 'site-build (read-only)';

/** The build's read of engagement (cms/src/api/engagement): the site token's one grant beyond our types. */
export const SITE_DATA_ACTION = 'api::engagement.engagement.siteData';

/** The static site build reads published content, and the engagement summary, through this one token. */
export const ensureSiteToken = (strapi: Core.Strapi) =>
  ensureCustomToken(strapi, {
    name: SITE_TOKEN_NAME,
    description: 'Used by the static site build to read published content. Read-only.',
    file: siteTokenFile(),
    permissions: [...contentReadActions(strapi), SITE_DATA_ACTION],
  });
