import { createHmac } from 'node:crypto';

/** Content types with a preview, and where the publisher's preview renders each. */
const PREVIEW_PATHS: Record<string, string> = {
  'api::article.article': 'tin-tuc',
  'api::photo-gallery.photo-gallery': 'thu-vien-anh',
  'api::resolution-task.resolution-task': 'nhiem-vu',
  'api::site-setting.site-setting': 'bieu-ngu',
};

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
  const kind = PREVIEW_PATHS[uid];
  if (!kind || !params.documentId) return null;
  const status = params.status === 'published' ? 'published' : 'draft';
  const pathname = kind === 'bieu-ngu' ? '/ban-xem-truoc/bieu-ngu' : `/ban-xem-truoc/${kind}/${encodeURIComponent(params.documentId)}`;
  const expires = Math.floor((options.now ?? new Date()).getTime() / 1000) + PREVIEW_TTL_SECONDS;
  const signature = createHmac('sha256', options.secret).update(`${pathname}\n${status}\n${expires}`).digest('base64url');
  const url = new URL(pathname, options.baseUrl);
  url.search = new URLSearchParams({ status, expires: String(expires), signature }).toString();
  return url.href;
}
