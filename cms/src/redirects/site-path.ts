import { SITE_PATHS, WITHDRAWN_ROOT } from '../content-model/urls.js';

/** Where no redirect may start or lead: the build's assets, the search index, the preview, the withdrawn pages (served only as a 410). */
export const RESERVED_PATH_PREFIXES: readonly string[] = ['/_astro/', '/pagefind/', SITE_PATHS.previewRoot, WITHDRAWN_ROOT];

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A path on this site in the one spelling the site and its servers use: each segment
 * percent-decoded, NFC, encoded again as `entryPath` encodes a slug, and a trailing `/`
 * (`/tin-tuc/Tin%20m%E1%BB%9Bi` and `/tin-tuc/Tin mới/` are one path). Anything that could
 * leave the site or climb out of it is refused: a scheme or host (`//`, `\`), `.` and `..`,
 * an encoded `/`, a query or fragment, and the reserved folders.
 */
export function normalizeSitePath(raw: string): Checked<string> {
  const value = raw.trim();
  const fail = (problem: string): Checked<string> => ({ ok: false, problem });
  if (!value.startsWith('/')) return fail('must be a path on this site starting with "/", e.g. /tin-tuc/ten-bai/');
  if (value.includes('\\')) return fail('must not contain "\\"');
  if (value.includes('//')) return fail('must not contain "//"');
  if (value.includes('?') || value.includes('#')) return fail('must not carry a query (?) or a fragment (#)');
  if (CONTROL.test(value)) return fail('must not contain control characters');
  const segments: string[] = [];
  for (const segment of value.split('/').slice(1)) {
    if (segment === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment).normalize('NFC');
    } catch {
      return fail(`has a malformed percent-encoding in "${segment}"`);
    }
    if (decoded === '.' || decoded === '..') return fail('must not contain "." or ".." segments');
    if (decoded.includes('/') || decoded.includes('\\')) return fail('must not encode "/" or "\\"');
    if (CONTROL.test(decoded)) return fail('must not contain control characters');
    segments.push(encodeURIComponent(decoded));
  }
  const path = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
  const reserved = RESERVED_PATH_PREFIXES.find((prefix) => path.startsWith(prefix));
  if (reserved) return fail(`must not be under ${reserved}, which the site keeps for itself`);
  return { ok: true, value: path };
}
