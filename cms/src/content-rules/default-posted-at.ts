import type { Core } from '@strapi/strapi';

/** "Ngày đăng" defaults to the first publish: set on the draft just before it is copied. */
export async function defaultPostedAt(strapi: Core.Strapi, documentId: string): Promise<void> {
  await strapi.db
    .query('api::article.article')
    .updateMany({ where: { documentId, postedAt: null }, data: { postedAt: new Date() } });
}
