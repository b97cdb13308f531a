import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { ensureCustomToken } from './custom-token';
import { questionTokenFile } from './runtime-paths';

export const QUESTION_TOKEN_NAME = 'hoi-dap (create questions only)';

/** The one Content API write a token other than full-access may make (content-rules/published-only.ts). */
export const QUESTION_CREATE_ACTION = `${CONTENT_TYPES.question.uid}.create`;

/**
 * The engagement service (scripts/engagement/) files citizens' questions with this token:
 * it may create a question, which the CMS keeps as a draft, and nothing else; it reads nothing.
 */
export const ensureQuestionToken = (strapi: Core.Strapi) =>
  ensureCustomToken(strapi, {
    name: QUESTION_TOKEN_NAME,
    description: "Used by the engagement service to file citizens' questions as drafts. Creates questions only; reads nothing.",
    file: questionTokenFile(),
    permissions: [QUESTION_CREATE_ACTION],
  });
