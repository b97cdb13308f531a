import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { currentCaller } from '../content-rules/caller';
import { answerMail, newQuestionMail, type StoredQuestion } from './question-mails';
import { mailEnabled, questionNotifyTo, sendPlainMail } from './send-mail';

const uid = CONTENT_TYPES.question.uid;
const FIELDS = ['documentId', 'title', 'slug', 'topic', 'question', 'askerName', 'askerEmail', 'submittedAt', 'answer', 'answeringUnit', 'answeredAt', 'askerNotifiedAt'];

/** Runs once the write is committed (at once outside a transaction); a failed mail is logged, never the write's error. */
function afterCommit(strapi: Core.Strapi, what: string, job: () => Promise<void>): void {
  const run = () => void job().catch((error: unknown) => strapi.log.error(`Mail (${what}) not sent: ${error instanceof Error ? error.message : String(error)}`));
  if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }) => onCommit(run));
  else setImmediate(run);
}

/** The editors hear of a citizen's question (one that came through the Content API). */
async function mailEditors(strapi: Core.Strapi, documentId: string): Promise<void> {
  const to = questionNotifyTo(strapi);
  if (to.length === 0) return;
  const q = (await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null }, select: FIELDS })) as StoredQuestion | null;
  if (!q) return;
  await sendPlainMail(strapi, newQuestionMail(q, to, String(strapi.config.get('admin.absoluteUrl', '/admin'))));
}

/**
 * The asker hears once, when the question is first public with its answer: the entry is
 * claimed by setting askerNotifiedAt on all its rows (so a second publish, or a concurrent
 * one, finds it set), and released if the mail fails, so the next publish tries again.
 * Written by query, not the Document Service: the date is the CMS's, no version or webhook.
 */
async function mailAsker(strapi: Core.Strapi, documentId: string): Promise<void> {
  if (!mailEnabled(strapi)) return;
  const q = (await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: FIELDS })) as
    | (StoredQuestion & { askerNotifiedAt?: string | null })
    | null;
  if (!q?.askerEmail || q.askerNotifiedAt || !q.answer || !q.slug) return;
  const claimed = await strapi.db.query(uid).updateMany({ where: { documentId, askerNotifiedAt: { $null: true } }, data: { askerNotifiedAt: new Date() } });
  if (!claimed.count) return;
  try {
    await sendPlainMail(strapi, answerMail({ ...q, askerEmail: q.askerEmail, slug: q.slug }, process.env.SITE_URL || 'http://localhost:4321'));
  } catch (error) {
    await strapi.db.query(uid).updateMany({ where: { documentId }, data: { askerNotifiedAt: null } });
    throw error;
  }
}

/** Mail about questions, sent after the write it follows and never in its way (cms/src/mail/). */
export function registerQuestionMail(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== uid) return next();
    const { action } = context;
    const params = (context.params ?? {}) as { status?: unknown; documentId?: string };
    const caller = currentCaller(strapi);
    const result = await next();
    const written = result as { documentId?: string } | null;
    const documentId = params.documentId ?? written?.documentId;
    if (!documentId) return result;
    if (action === 'create' && caller.kind === 'content-api') afterCommit(strapi, 'new question', () => mailEditors(strapi, documentId));
    if (action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published')) {
      afterCommit(strapi, 'answer', () => mailAsker(strapi, documentId));
    }
    return result;
  });
}
