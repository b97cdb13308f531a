import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { uniqueSlug } from './fill-slug';
import { fieldError } from './field-error';

type Data = Record<string, unknown>;

/** The section's own pages (the form, its reply, /hoi-dap/trang/N/, /hoi-dap/chu-de/…/), which no question's page may take. */
export const RESERVED_QUESTION_SLUGS: readonly string[] = ['gui-cau-hoi', 'da-gui', 'trang', 'chu-de'];

/**
 * After the slug is filled: a slug made from the title ("Gửi câu hỏi…") that would take one of
 * the section's own pages gets a suffix; an editor who types one is told why not. A title with
 * no letter to make a slug of ("???") gives way to the question's words, then to "cau-hoi":
 * a published question always has a page.
 */
export async function checkQuestionSlug(strapi: Core.Strapi, data: Data, typed: boolean, creating: boolean, documentId?: string): Promise<void> {
  const uid = CONTENT_TYPES.question.uid;
  const slug = data.slug;
  if ((creating || 'slug' in data) && (typeof slug !== 'string' || slug.trim() === '')) {
    const question = typeof data.question === 'string' ? data.question : '';
    data.slug = (await uniqueSlug(strapi, uid, question, documentId)) || (await uniqueSlug(strapi, uid, 'cau hoi', documentId));
  }
  if (typeof data.slug !== 'string' || !RESERVED_QUESTION_SLUGS.includes(data.slug)) return;
  if (typed) throw fieldError(uid, ['slug'], `"${data.slug}" is one of the section's own pages (/hoi-dap/${data.slug}/)`);
  data.slug = await uniqueSlug(strapi, uid, `${data.slug} cau hoi`, documentId);
}
