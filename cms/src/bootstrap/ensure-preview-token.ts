import type { Core } from '@strapi/strapi';
import { ensureReadOnlyToken } from './read-only-token';
import { previewTokenFile } from './runtime-paths';

/** The one credential that reads drafts (see content-rules/published-only.ts). */
export const PREVIEW_TOKEN_NAME = 'draft-preview (read-only)';

export const ensurePreviewToken = (strapi: Core.Strapi) =>
  ensureReadOnlyToken(strapi, {
    name: PREVIEW_TOKEN_NAME,
    description: "Used by the publisher's preview to show editors their drafts. The only token that reads drafts.",
    file: previewTokenFile(),
  });
