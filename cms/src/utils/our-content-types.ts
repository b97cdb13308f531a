import type { Core } from '@strapi/strapi';
import { ALL_CONTENT_TYPES, declarationOf, type ContentTypeDeclaration } from '../content-model/content-types.js';

/**
 * The portal's declared content types that this Strapi loaded. A declaration may run ahead of
 * its schema (a type being added), so nothing is applied to a type Strapi does not know.
 */
export const loadedDeclarations = (strapi: Core.Strapi): ContentTypeDeclaration[] =>
  ALL_CONTENT_TYPES.filter((type) => type.uid in strapi.contentTypes);

/** The UIDs of loadedDeclarations: what the site's and the preview's tokens may read. */
export const ourContentTypes = (strapi: Core.Strapi): string[] => loadedDeclarations(strapi).map((type) => type.uid);

/** Every api:: type Strapi loaded, declared or not: what authors are kept from publishing or deleting. */
export const apiContentTypes = (strapi: Core.Strapi): string[] => Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));

/**
 * Whether drafts live beside the published version, as declared. An undeclared type counts as
 * live (every write public at once), so only editors write it until it is declared.
 */
export const hasDraftAndPublish = (uid: string): boolean => declarationOf(uid)?.draftAndPublish ?? false;
