import type { Core } from '@strapi/strapi';
import { ourContentTypes } from '../utils/our-content-types';
import { ensureCustomToken, type CustomToken } from './custom-token';

export type ReadOnlyToken = Omit<CustomToken, 'permissions'>;

/**
 * Exactly `find` and `findOne` of our own content types: a Strapi `read-only` token would
 * also read every plugin's Content API (uploads, users), so ours are `custom` tokens.
 */
export function contentReadActions(strapi: Core.Strapi): string[] {
  const known = new Set<string>(strapi.contentAPI.permissions.providers.action.keys());
  return ourContentTypes(strapi).flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]).filter((action) => known.has(action));
}

/** A token that reads our published content types and nothing else (the site's, the preview's). */
export const ensureReadOnlyToken = (strapi: Core.Strapi, wanted: ReadOnlyToken): Promise<void> =>
  ensureCustomToken(strapi, { ...wanted, permissions: contentReadActions(strapi) });
