import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import type { RedirectAsSaved } from './redirect-as-saved';

const REDIRECT = CONTENT_TYPES.redirect.uid;

/** 301: moved for good; 302: for a while; 410: withdrawn on purpose (a page saying so, no target). */
export const REDIRECT_CODES = [301, 302, 410] as const;
export type RedirectCode = (typeof REDIRECT_CODES)[number];

export const isRedirectCode = (value: unknown): value is RedirectCode => REDIRECT_CODES.includes(value as RedirectCode);

/**
 * The code is one of the three, a 410 leads nowhere, a 301 or 302 leads somewhere other than
 * where it starts. A code sent as digits ("301", from a form) is taken as its number.
 */
export function checkRedirectCode(saved: RedirectAsSaved, data: Record<string, unknown>): void {
  if (typeof data.code === 'string' && /^\d+$/.test(data.code.trim())) saved.code = data.code = Number(data.code.trim());
  if (!isRedirectCode(saved.code)) throw fieldError(REDIRECT, ['code'], 'must be 301, 302 or 410');
  const hasTarget = typeof saved.to === 'string' && saved.to !== '';
  if (saved.code === 410 && hasTarget) throw fieldError(REDIRECT, ['to'], 'must be empty for a 410: a withdrawn page leads nowhere');
  if (saved.code !== 410 && !hasTarget) throw fieldError(REDIRECT, ['to'], `is required for a ${saved.code}`);
  if (hasTarget && saved.to === saved.from) throw fieldError(REDIRECT, ['to'], 'must not be the same as from: a redirect to itself is a loop');
}
