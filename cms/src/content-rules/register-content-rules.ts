import type { Core } from '@strapi/strapi';
import { checkRequiredText } from './required-text';
import { checkTaskOrderUnique } from './task-order-unique';
import { fillSlug } from './fill-slug';
import { defaultPostedAt, POSTED_AT_TYPES } from './default-posted-at';
import { touchRelated } from './touch-related';
import { checkScheduleOrder } from './schedule-order';
import { currentCaller } from './caller';
import { publishedOnly } from './published-only';
import { checkEditorialControl } from './editorial-control';
import { checkSchemaRules } from './schema-rules';
import { hasDraftAndPublish } from '../utils/our-content-types';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { checkMediaFileKinds } from './media-file-kinds';
import { normalizeLegalDocumentText } from './legal-document-text';
import { legalDocumentAsSaved } from './legal-document-as-saved';
import { checkLegalDocumentNumberUnique } from './legal-document-number-unique';
import { checkLegalDocumentDates } from './legal-document-dates';
import { checkLegalDocumentReplacement } from './legal-document-replacement';
import { checkPageHierarchy } from './page-hierarchy';
import { checkLeaderPosition } from './leader-position';
import { checkNoticeAlert } from './notice-alert';
import { checkProcedureCode } from './procedure-code';
import { checkProcedureCodeUnique } from './procedure-code-unique';
import { checkProcedurePortalUrl } from './procedure-portal-url';
import { normalizeRedirectPaths } from './redirect-paths';
import { redirectAsSaved } from './redirect-as-saved';
import { checkRedirectCode } from './redirect-code';
import { checkRedirectFromUnique } from './redirect-from-unique';
import { collapseRedirectChain } from './redirect-chains';
import { questionFromCitizen } from './question-from-citizen';
import { prepareQuestion } from './question-title';
import { checkQuestionSlug } from './question-slug';
import { checkQuestionAnswered } from './question-answer-required';
import { dropTypedViewCount } from './counted-view-count';

type Params = { data?: Record<string, unknown>; documentId?: string; status?: unknown };

/**
 * The content rules run in the Document Service, under every way of writing: REST, the
 * admin, the seed and scripts all get the same 400 naming the field.
 */
export function registerContentRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!uid.startsWith('api::')) return next();
    (context as { params?: unknown }).params ??= {};
    const params = context.params as Params;
    // Who asks comes first: what they may read and write does not depend on what they send.
    const caller = currentCaller(strapi);
    publishedOnly(caller, uid, action, params);
    checkEditorialControl(caller, uid, action, !hasDraftAndPublish(uid));

    if ((action === 'create' || action === 'update' || action === 'clone') && params.data) {
      const creating = action === 'create';
      const question = uid === CONTENT_TYPES.question.uid;
      if (question) {
        // A citizen's question first: what the request may set, before anything reads it.
        questionFromCitizen(caller, action, params);
        prepareQuestion(params.data, creating, caller.kind === 'internal');
      }
      const typedSlug = typeof params.data.slug === 'string' && params.data.slug.trim() !== '';
      await fillSlug(strapi, uid, params.data, creating);
      if (question) await checkQuestionSlug(strapi, params.data, typedSlug, creating, params.documentId);
      checkRequiredText(uid, params.data, creating);
      // Before the schema's limits, which then hold for the path as stored.
      if (uid === CONTENT_TYPES.redirect.uid) normalizeRedirectPaths(params.data);
      checkSchemaRules(strapi, uid, params.data);
      dropTypedViewCount(strapi, uid, action, params.data);
      checkScheduleOrder(uid, params.data);
      if (uid === 'api::resolution-task.resolution-task') {
        await checkTaskOrderUnique(strapi, params.data, creating ? undefined : params.documentId);
      }
      await checkMediaFileKinds(strapi, uid, params.data);
      if (uid === CONTENT_TYPES.legalDocument.uid) {
        normalizeLegalDocumentText(params.data);
        const saved = await legalDocumentAsSaved(strapi, action, params.data, params.documentId);
        await checkLegalDocumentNumberUnique(strapi, saved);
        checkLegalDocumentDates(saved);
        checkLegalDocumentReplacement(saved);
      }
      if (uid === CONTENT_TYPES.page.uid) await checkPageHierarchy(strapi, action, params.data, params.documentId);
      if (uid === CONTENT_TYPES.attendee.uid) await checkLeaderPosition(strapi, action, params.data, params.documentId);
      if (uid === CONTENT_TYPES.notice.uid) await checkNoticeAlert(strapi, action, params.data, params.documentId);
      if (uid === CONTENT_TYPES.procedure.uid) {
        checkProcedureCode(params.data);
        checkProcedurePortalUrl(params.data);
        await checkProcedureCodeUnique(strapi, action, params.data, params.documentId);
      }
      if (uid === CONTENT_TYPES.redirect.uid) {
        const saved = await redirectAsSaved(strapi, action, params.data, params.documentId);
        checkRedirectCode(saved, params.data);
        await checkRedirectFromUnique(strapi, saved);
        await collapseRedirectChain(strapi, saved, params.data);
      }
    }
    if (uid === CONTENT_TYPES.question.uid) await checkQuestionAnswered(strapi, action, params);
    if (action === 'publish' && POSTED_AT_TYPES.includes(uid) && params.documentId) {
      await defaultPostedAt(strapi, uid, params.documentId);
    }
    return touchRelated(strapi, uid, action, params, next);
  });
}
