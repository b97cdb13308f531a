/**
 * The site's door to the portal's content-type declarations and its URL helper
 * (cms/src/content-model/): plain data, the one module cms/ and site/ share. Every URL the
 * site prints comes from here, never a hand-written path.
 */
export { ALL_CONTENT_TYPES, CONTENT_TYPES, declarationOf, type ContentTypeDeclaration, type ContentTypeKey } from '../../../cms/src/content-model/content-types.js';
export * from '../../../cms/src/content-model/urls.js';
export * from '../../../cms/src/content-model/unit-types.js';
export { QUESTION_LIMITS, QUESTION_TOPICS, type QuestionTopic } from '../../../cms/src/content-model/types/question.js';
