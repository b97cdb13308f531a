import { normalizeSitePath, type Checked } from './site-path';

export type RedirectTarget = { kind: 'path'; value: string } | { kind: 'url'; value: string };

/**
 * Where a redirect may send a citizen: a path on this site, or an https address on a host the
 * operator allowed, with no credentials and no port; `//host`, `/\host`, `javascript:`, plain
 * http and `https://allowed@elsewhere/` are other sites dressed as ours, and refused.
 */
export function parseRedirectTarget(raw: string, allowedHosts: ReadonlySet<string>): Checked<RedirectTarget> {
  const value = raw.trim();
  if (value.startsWith('/') || value.startsWith('\\')) {
    const path = normalizeSitePath(value);
    return path.ok ? { ok: true, value: { kind: 'path', value: path.value } } : path;
  }
  const allowed = allowedHosts.size > 0 ? [...allowedHosts].join(', ') : 'none (REDIRECT_ALLOWED_HOSTS is empty)';
  const refused: Checked<RedirectTarget> = { ok: false, problem: `must be a path on this site (/…/) or an https address on an allowed host: ${allowed}` };
  // Checked on the text too: URL() forgives backslashes, tabs and missing slashes that browsers may read otherwise.
  if (!/^https:\/\/[^/\\]/i.test(value) || /[\s\\\u0000-\u001f\u007f]/.test(value)) return refused;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refused;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port !== '' || !allowedHosts.has(url.hostname)) return refused;
  return { ok: true, value: { kind: 'url', value: url.href } };
}
