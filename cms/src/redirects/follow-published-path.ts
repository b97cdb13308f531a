import type { Core } from '@strapi/strapi';
import type { ContentTypeDeclaration } from '../content-model/content-types.js';
import { pathOf, type Row } from './live-version';
import { findRedirects, removeRedirectsFrom, saveRedirect } from './redirect-entries';

/**
 * After an entry is published (or a type without drafts is saved): its page wins over any
 * redirect or 410 from its path, and the paths it had before answer 301 to the new one: the
 * previous published slug, and a path where it was withdrawn before being published again
 * under another slug. Removing first is what keeps a slug changed back (A→B, then B→A) from
 * looping: the redirect from the path now live goes. Redirects that led to an old path are
 * pointed to the new one when the 301 is saved (collapse-chains-behind.ts).
 */
export async function followPublishedPath(strapi: Core.Strapi, type: ContentTypeDeclaration, before: Row | null, after: Row | null): Promise<void> {
  const path = pathOf(type, after);
  if (!after || !path) return;
  await removeRedirectsFrom(strapi, path);
  const oldPath = pathOf(type, before);
  const withdrawnElsewhere = await findRedirects(strapi, { sourceType: type.uid, sourceDocumentId: after.documentId, code: 410, from: { $ne: path } });
  const moved = new Set([...(oldPath && oldPath !== path ? [oldPath] : []), ...withdrawnElsewhere.map((redirect) => redirect.from)]);
  for (const from of moved) {
    await saveRedirect(strapi, from, {
      to: path,
      code: 301,
      origin: 'slugChange',
      sourceType: type.uid,
      sourceDocumentId: after.documentId,
      title: null,
      reason: null,
      firstPublishedAt: null,
      withdrawnAt: null,
    });
  }
}
