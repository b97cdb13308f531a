import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, declarationOf } from '../content-model/content-types.js';
import { collapseChainsBehind } from './collapse-chains-behind';
import { followPublishedPath } from './follow-published-path';
import { draftVersion, hasEntryPages, liveVersion } from './live-version';
import { recordWithdrawal } from './record-withdrawal';
import { redirectAllowedHosts } from './redirect-allowed-hosts';

type Params = { documentId?: string; status?: unknown };

const documentIdOf = (params: Params, outcome: unknown): string | undefined => {
  if (params.documentId) return params.documentId;
  const id = (outcome as { documentId?: unknown } | null)?.documentId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Old links keep working, in the Document Service so every path is covered (the admin, REST,
 * the seed, scripts and the scheduler): a published slug change leaves a 301 from the old
 * path, an unpublished or deleted entry of a withdrawable type a 410, and a page published
 * where a redirect was takes its path back. A draft save changes no public path and is left
 * alone. The redirects are written in the write's own transaction.
 */
export function registerRedirects(strapi: Core.Strapi): void {
  // A malformed REDIRECT_ALLOWED_HOSTS stops the start, not the first save.
  redirectAllowedHosts();
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const params = (context.params ?? {}) as Params;
    if (uid === CONTENT_TYPES.redirect.uid) {
      if (action !== 'create' && action !== 'update') return next();
      return strapi.db.transaction(async () => {
        const outcome = await next();
        const documentId = documentIdOf(params, outcome);
        if (documentId) await collapseChainsBehind(strapi, documentId);
        return outcome;
      });
    }
    const type = declarationOf(uid);
    if (!type || !hasEntryPages(type)) return next();
    const saving = action === 'create' || action === 'update';
    const publishing = action === 'publish' || (saving && (!type.draftAndPublish || params.status === 'published'));
    const withdrawing = Boolean(type.withdrawal) && (action === 'unpublish' || action === 'delete');
    if (!publishing && !withdrawing) return next();

    return strapi.db.transaction(async () => {
      const before = await liveVersion(strapi, type, params.documentId);
      const draft = withdrawing ? await draftVersion(strapi, type, params.documentId) : null;
      const outcome = await next();
      const after = await liveVersion(strapi, type, documentIdOf(params, outcome));
      if (publishing) await followPublishedPath(strapi, type, before, after);
      if (withdrawing && before && !after) await recordWithdrawal(strapi, type, before, draft);
      return outcome;
    });
  });
}
