/**
 * The site's door to the engagement declarations (cms/src/engagement/engagement-tables.ts):
 * page keys, the types that count views or ask for a rating, the rating's reasons. Plain data,
 * shared with the CMS and the engagement service like the content-type declarations.
 */
// The .js suffixes let the root tsconfig (NodeNext) check this file through the unit tests.
import { CONTENT_TYPES, type ContentTypeDeclaration } from './content-model.js';
import type { EngagementType } from '../../../cms/src/engagement/engagement-tables.js';

export {
  COMMENT_MAX_LENGTH,
  ENGAGEMENT_TYPES,
  RATED_TYPES,
  RATING_REASONS,
  VIEWED_TYPES,
  pageKey,
  parsePageKey,
  type EngagementType,
  type RatingReason,
} from '../../../cms/src/engagement/engagement-tables.js';

/** An engagement type (a Strapi API name) → its declaration. */
export const ENGAGEMENT_DECLARATIONS: Record<EngagementType, ContentTypeDeclaration> = {
  article: CONTENT_TYPES.article,
  'legal-document': CONTENT_TYPES.legalDocument,
  'photo-gallery': CONTENT_TYPES.photoGallery,
  procedure: CONTENT_TYPES.procedure,
};

/**
 * A type's section as the public knows it: the declaration's plural, but the articles are
 * "Tin tức" everywhere on the site (the menu, the breadcrumbs), not the admin's "Bài viết".
 */
export const sectionName = (type: EngagementType): string => (type === 'article' ? 'Tin tức' : ENGAGEMENT_DECLARATIONS[type].labels.plural);
