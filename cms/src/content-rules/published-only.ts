import { errors } from '@strapi/utils';
import type { Caller } from './caller';
import { CONTENT_TYPES } from '../content-model/content-types.js';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * The Content API reads published content only, whatever the route's spelling, method or
 * query asked for: reads that reach the Document Service from a Content API request get
 * `status: 'published'`. The preview token alone reads drafts.
 *
 * Writes through the Content API belong to full-access tokens, which a super admin makes for
 * scripts and imports; they read published content like any other token. Every other Content
 * API caller (the site and preview tokens, the Public role) is refused a write here too,
 * whatever its permissions say. The one exception is the question token's single write: it
 * creates a citizen's question, which content-rules/question-from-citizen.ts keeps a draft.
 */
export function publishedOnly(caller: Caller, uid: string, action: string, params: { status?: unknown }): void {
  if (caller.kind !== 'content-api') return;
  if (READS.has(action)) {
    if (!caller.preview) params.status = 'published';
    return;
  }
  if (caller.questionToken && uid === CONTENT_TYPES.question.uid && action === 'create') return;
  if (!caller.fullAccess) throw new errors.ForbiddenError('The Content API does not write for this caller');
}
