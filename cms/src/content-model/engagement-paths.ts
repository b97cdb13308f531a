/**
 * The engagement service (scripts/engagement/), on the site's own origin: the publisher's
 * public server and nginx pass `/tuong-tac/` to it.
 */
/** Every path under it belongs to the service. */
export const ENGAGEMENT_PREFIX = '/tuong-tac/';

export const ENGAGEMENT_PATHS = {
  /** POST `{"k": pageKey}` (sendBeacon, text/plain JSON) → 204. */
  view: '/tuong-tac/xem',
  /** GET `?k=` → a 1×1 GIF: the `<noscript>` beacon. */
  viewImage: '/tuong-tac/xem.gif',
  /** GET `?k=` → `{"k", "views"}`, the live total. */
  liveViews: '/tuong-tac/luot-xem',
  /** POST the rating form → 303 to FORM_REPLY_PATHS.ratingThanks, or JSON with `Accept: application/json`. */
  rate: '/tuong-tac/danh-gia',
  /** GET → a signed ALTCHA proof-of-work challenge, for the question form's widget. */
  altcha: '/tuong-tac/altcha',
  /** POST the question form → 303 to FORM_REPLY_PATHS.questionSent, or 201 JSON. */
  ask: '/tuong-tac/hoi-dap',
  /** GET → `{"ok", "batch"}`: views waiting in the instance's memory. */
  status: '/tuong-tac/trang-thai',
} as const;

/** The pages the engagement service may count or rate (written by the site build, read by the service). */
export const ENGAGEMENT_MANIFEST = '/engagement-pages.json';
