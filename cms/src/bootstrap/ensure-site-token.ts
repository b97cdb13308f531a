import type { Core } from '@strapi/strapi';
import { ensureReadOnlyToken } from './read-only-token';
import { siteTokenFile } from './runtime-paths';

export const SITE_TOKEN_NAME = 'site-build (read-only)';

/** The static site build reads published content through this one token. */
export const ensureSiteToken = (strapi: Core.Strapi) =>
  ensureReadOnlyToken(strapi, {
    name: SITE_TOKEN_NAME,
    description: 'Used by the static site build to read published content. Read-only.',
    file: siteTokenFile(),
  });
