import type { Core } from '@strapi/strapi';

/** The portal's own content types (api::…), as Strapi loaded them. */
export const ourContentTypes = (strapi: Core.Strapi): string[] => Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));

/** Types without draft & publish: a write to them is live at once. */
export const hasDraftAndPublish = (strapi: Core.Strapi, uid: string): boolean =>
  Boolean((strapi.contentTypes as unknown as Record<string, { options?: { draftAndPublish?: boolean } }>)[uid]?.options?.draftAndPublish);
