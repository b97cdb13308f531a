import { CONTENT_TYPES } from '../content-model/content-types.js';
import { redirectAllowedHosts } from '../redirects/redirect-allowed-hosts';
import { parseRedirectTarget } from '../redirects/redirect-target';
import { normalizeSitePath } from '../redirects/site-path';
import { fieldError } from './field-error';

const REDIRECT = CONTENT_TYPES.redirect.uid;

/**
 * A redirect's `from` and `to` as sent, in the one spelling the site uses (see site-path.ts):
 * `from` a path of this site other than the home page, `to` a path or an allowed https
 * address; an empty `to` is none. Written back into the data, so what is stored is what the
 * site and its servers compare.
 */
export function normalizeRedirectPaths(data: Record<string, unknown>): void {
  if ('from' in data) {
    if (typeof data.from !== 'string') throw fieldError(REDIRECT, ['from'], 'must be a path on this site, e.g. /tin-tuc/ten-bai-cu/');
    const from = normalizeSitePath(data.from);
    if (!from.ok) throw fieldError(REDIRECT, ['from'], from.problem);
    if (from.value === '/') throw fieldError(REDIRECT, ['from'], 'must not be the home page');
    data.from = from.value;
  }
  if ('to' in data) {
    if (data.to === null || data.to === undefined || (typeof data.to === 'string' && data.to.trim() === '')) {
      data.to = null;
      return;
    }
    if (typeof data.to !== 'string') throw fieldError(REDIRECT, ['to'], 'must be a path on this site or an https address');
    const to = parseRedirectTarget(data.to, redirectAllowedHosts());
    if (!to.ok) throw fieldError(REDIRECT, ['to'], to.problem);
    data.to = to.value.value;
  }
}
