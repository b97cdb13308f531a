import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';

/** The types whose "Ngày đăng" (postedAt) defaults to the first publish. */
export const POSTED_AT_TYPES: readonly string[] = [CONTENT_TYPES.article.uid, CONTENT_TYPES.notice.uid];

/** "Ngày đăng" defaults to the first publish: set on the draft just before it is copied. */
export async function defaultPostedAt(strapi: Core.Strapi, uid: string, documentId: string): Promise<void> {
  await strapi.db
    .query(uid as UID.Schema)
    .updateMany({ where: { documentId, postedAt: null }, data: { postedAt: new Date() } });
}
