import { QUESTION_LIMITS, question as questionType } from '../content-model/types/question.js';
import { fieldError } from './field-error';

type Data = Record<string, unknown>;

/** Long enough to tell questions apart in the list, short enough for a heading. */
const TITLE_WORDS_MAX = 120;

/** The question's first words, cut at a word, for an entry without a title. */
export function titleFromQuestion(question: string): string {
  const text = question.replace(/\s+/g, ' ').trim();
  const max = Math.min(TITLE_WORDS_MAX, QUESTION_LIMITS.title - 1);
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s,.;:!?-]+$/, '')}…`;
}

/**
 * Before the slug and the required title: a question sent without a title is titled by its
 * first words; a new question is dated when it arrives unless it says when it was sent (an
 * editor typing in a letter, the seed). Only the CMS records that the asker was mailed.
 */
export function prepareQuestion(data: Data, creating: boolean, internal: boolean): void {
  const title = data.title;
  const question = data.question;
  // Like a title, the question itself is never empty, even in a draft: it is what came in.
  if ((creating || 'question' in data) && (typeof question !== 'string' || question.trim() === '')) {
    throw fieldError(questionType.uid, ['question'], 'must not be empty');
  }
  if ((creating || 'title' in data) && (typeof title !== 'string' || title.trim() === '') && typeof question === 'string' && question.trim() !== '') {
    data.title = titleFromQuestion(question);
  }
  if (creating && !data.submittedAt) data.submittedAt = new Date().toISOString();
  if (!internal) delete data.askerNotifiedAt;
}
