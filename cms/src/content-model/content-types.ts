/** Every content type of the portal, declared once (./types/<name>.ts); a new type is added here. */
import type { ContentTypeDeclaration } from './declaration.js';
import { article } from './types/article.js';
import { attendee } from './types/attendee.js';
import { category } from './types/category.js';
import { documentType } from './types/document-type.js';
import { legalDocument } from './types/legal-document.js';
import { notice } from './types/notice.js';
import { page } from './types/page.js';
import { photoGallery } from './types/photo-gallery.js';
import { procedure } from './types/procedure.js';
import { question } from './types/question.js';
import { redirect } from './types/redirect.js';
import { resolutionTask } from './types/resolution-task.js';
import { siteSetting } from './types/site-setting.js';

export const CONTENT_TYPES = {
  article,
  attendee,
  resolutionTask,
  photoGallery,
  category,
  siteSetting,
  legalDocument,
  documentType,
  page,
  notice,
  procedure,
  question,
  redirect,
} as const;

export type ContentTypeKey = keyof typeof CONTENT_TYPES;

export const ALL_CONTENT_TYPES: readonly ContentTypeDeclaration[] = Object.values(CONTENT_TYPES);

const byUid = new Map<string, ContentTypeDeclaration>(ALL_CONTENT_TYPES.map((type) => [type.uid, type]));

/** The declaration of a UID, or undefined for a type the portal does not declare (Strapi's own). */
export const declarationOf = (uid: string | undefined): ContentTypeDeclaration | undefined => (uid ? byUid.get(uid) : undefined);

export { eventClass, type ContentTypeDeclaration, type EventClass } from './declaration.js';
