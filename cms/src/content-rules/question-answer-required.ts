import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

type Data = Record<string, unknown>;

/** A question goes public with its answer, who answered it and when. */
const ANSWER_FIELDS = ['answer', 'answeringUnit', 'answeredAt'] as const;

const uid = CONTENT_TYPES.question.uid;
const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * Publishing a question needs its answer: `publish` checks the draft it copies; a create or
 * update that publishes at once (`status: 'published'`) checks the draft as it will be saved.
 */
export async function checkQuestionAnswered(strapi: Core.Strapi, action: string, params: { data?: Data; documentId?: string; status?: unknown }): Promise<void> {
  const publishing = action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');
  if (!publishing) return;
  const draft: Data | null = params.documentId
    ? await strapi.db.query(uid).findOne({ where: { documentId: params.documentId, publishedAt: null }, select: [...ANSWER_FIELDS] })
    : null;
  const saved = { ...(draft ?? {}), ...(action === 'publish' ? {} : (params.data ?? {})) };
  const missing = ANSWER_FIELDS.find((field) => blank(saved[field]));
  if (missing) throw fieldError(uid, [missing], 'must be filled in before the question is published');
}
