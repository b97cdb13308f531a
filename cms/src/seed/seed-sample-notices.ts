import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { vietnameseSlug } from '../utils/vietnamese-slug';
import type { Ensure } from './seed-sample-documents';
import sample from './sample-notices.json';

const NOTICE = CONTENT_TYPES.notice.uid;

/**
 * Imports the sample notices (Thông báo), marked "Dữ liệu mẫu": a planned-downtime notice
 * whose warning banner ran in November 2026 and has ended (a banner that is on would sit on
 * every page of every test), and an ordinary notice. An entry already there is kept.
 */
export async function seedSampleNotices(strapi: Core.Strapi, ensure: Ensure): Promise<void> {
  for (const notice of sample.notices) {
    const slug = vietnameseSlug(notice.title);
    await ensure(NOTICE, slug, () => strapi.documents(NOTICE).create({ status: 'published', data: { ...notice, slug } as never }));
  }
}
