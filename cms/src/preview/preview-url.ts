import { createHmac } from 'node:crypto';
import { declarationOf } from '../content-model/content-types.js';
import { previewPath } from '../content-model/urls.js';

/** Long enough to read and re-save a draft; the admin asks for a new link each time it opens the preview. */
export const PREVIEW_TTL_SECONDS = 15 * 60;

export interface PreviewLinkOptions {
  /** The preview server as editors' browsers reach it (PREVIEW_URL). */
  baseUrl: string;
  secret: string;
  now?: Date;
}

/**
 * The signed, short-lived link Strapi's Preview opens. The publisher checks the same
 * HMAC (scripts/publisher/preview-signature.ts) over path, status and expiry, so a link
 * cannot be turned into another entry's, another status or a later time.
 */
export function previewLink(uid: string, params: { documentId?: string; status?: string | null }, options: PreviewLinkOptions): string | null {
  // Where the publisher's preview renders the type: its declaration's `preview`.
  const type = declarationOf(uid);
  if (!type || !params.documentId) return null;
  const pathname = previewPath(type, params.documentId);
  if (!pathname) return null;
  const status = params.status === 'published' ? 'published' : 'draft';
  const expires = Math.floor((options.now ?? new Date()).getTime() / 1000) + PREVIEW_TTL_SECONDS;
  const signature = createHmac('sha256', options.secret).update(`${pathname}\n${status}\n${expires}`).digest('base64url');
  const url = new URL(pathname, options.baseUrl);
  url.search = new URLSearchParams({ status, expires: String(expires), signature }).toString();
  return url.href;
}
