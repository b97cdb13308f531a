import { createHmac } from 'node:crypto';
import { sameSecret } from './bearer-auth.js';

const SIGNED = ['status', 'expires', 'signature'];

export type PreviewStatus = 'draft' | 'published';
export type PreviewCheck = { ok: true; status: PreviewStatus } | { ok: false; reason: 'unsigned' | 'expired' | 'bad signature' };

/**
 * Checks a link made by the CMS (cms/src/preview/preview-url.ts): an HMAC-SHA256 under
 * PREVIEW_SECRET over the path, the status and the expiry time, so none of them can be
 * changed, and a link stops working when it expires.
 */
export function checkPreviewLink(url: URL, secret: string, now = new Date()): PreviewCheck {
  // The CMS signs exactly these three, once each: a signed link with more is not its link.
  const names = [...url.searchParams.keys()];
  if (names.includes('signature') && (names.some((name) => !SIGNED.includes(name)) || new Set(names).size !== names.length)) {
    return { ok: false, reason: 'bad signature' };
  }
  const status = url.searchParams.get('status');
  const expires = url.searchParams.get('expires');
  const signature = url.searchParams.get('signature');
  if ((status !== 'draft' && status !== 'published') || !expires || !/^\d{1,12}$/.test(expires) || !signature) {
    return { ok: false, reason: 'unsigned' };
  }
  const expected = createHmac('sha256', secret).update(`${url.pathname}\n${status}\n${expires}`).digest('base64url');
  if (!sameSecret(Buffer.from(signature), Buffer.from(expected))) return { ok: false, reason: 'bad signature' };
  if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, status };
}
