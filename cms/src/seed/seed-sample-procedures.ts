import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { vietnameseSlug } from '../utils/vietnamese-slug';
import type { Ensure } from './seed-sample-documents';
import sample from './sample-procedures.json';

const PROCEDURE = CONTENT_TYPES.procedure.uid;

/**
 * Imports eight common ward procedures (Thủ tục hành chính) in three fields, published and
 * marked "Dữ liệu mẫu". Their codes (9.0000NN) and portal links are invented, and each summary
 * says so, rather than assert real codes unchecked. An entry already there is kept.
 */
export async function seedSampleProcedures(strapi: Core.Strapi, ensure: Ensure): Promise<void> {
  for (const procedure of sample.procedures) {
    const slug = vietnameseSlug(procedure.name);
    await ensure(PROCEDURE, slug, () => strapi.documents(PROCEDURE).create({ status: 'published', data: { ...procedure, slug } as never }));
  }
}
