import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { vietnameseSlug } from '../utils/vietnamese-slug';
import type { Ensure } from './seed-sample-documents';
import sample from './sample-questions.json';

const QUESTION = CONTENT_TYPES.question.uid;

/**
 * Imports one answered question (Hỏi đáp), published and marked "Dữ liệu mẫu" in its text,
 * with no asker's email, so the seed mails no one. An entry already there is kept.
 */
export async function seedSampleQuestions(strapi: Core.Strapi, ensure: Ensure): Promise<void> {
  for (const question of sample.questions) {
    const slug = vietnameseSlug(question.title);
    await ensure(QUESTION, slug, () => strapi.documents(QUESTION).create({ status: 'published', data: { ...question, slug } as never }));
  }
}
