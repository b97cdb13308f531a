import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { findRedirects } from './redirect-entries';

const REDIRECT = CONTENT_TYPES.redirect.uid as UID.ContentType;

/**
 * After A→C is saved, the redirects that led to A (B→A) lead to C: one hop for every old
 * link. The content rules collapsed A's own chain before the save and refused a loop
 * (content-rules/redirect-chains.ts); a 410 leaves those that led to it alone.
 */
export async function collapseChainsBehind(strapi: Core.Strapi, documentId: string): Promise<void> {
  const [saved] = await findRedirects(strapi, { documentId });
  if (!saved?.to || saved.code === 410) return;
  const behind = await findRedirects(strapi, { to: saved.from, code: { $in: [301, 302] }, documentId: { $ne: documentId } });
  for (const redirect of behind) await strapi.documents(REDIRECT).update({ documentId: redirect.documentId, data: { to: saved.to } as never });
}
