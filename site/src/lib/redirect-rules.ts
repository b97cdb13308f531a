/**
 * The redirects a release carries (`redirects.json`, read back by the publisher's servers
 * through scripts/publisher/release-redirects.ts): the CMS's Chuyển hướng entries, each
 * checked again here, since a rule the servers would follow blindly must not come from one
 * check alone. A rule that fails is dropped with the reason, never the build.
 */
import { parseRedirectTarget } from '../../../cms/src/redirects/redirect-target.js';
import { normalizeSitePath } from '../../../cms/src/redirects/site-path.js';
import { WITHDRAWN_ROOT, withdrawnPagePath } from './content-model.js';
import type { Redirect } from './schemas.js';

export const REDIRECT_CODES = [301, 302, 410] as const;
export type RedirectCode = (typeof REDIRECT_CODES)[number];

export interface RedirectRule {
  from: string;
  to: string | null;
  code: RedirectCode;
  /** The withdrawn page's file in the release, for a 410. */
  page: string | null;
}

export interface RedirectsFile {
  version: 1;
  rules: RedirectRule[];
}

/** The release's files: the rules for its own servers and, in Netlify's and Cloudflare's format, for a CDN. */
export const REDIRECTS_FILE = 'redirects.json';
export const CDN_REDIRECTS_FILE = '_redirects';

/** A documentId as Strapi makes them; anything else would not name one plain folder. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A path page's file in the release: `/_withdrawn/abc/` → `_withdrawn/abc/index.html`. */
export const pageFile = (pagePath: string): string => `${decodeURIComponent(pagePath).slice(1)}index.html`;

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * A redirect's `to` as the release may hold it: a path of this site, or an https address
 * with no credentials or port. Which hosts are allowed is the CMS's REDIRECT_ALLOWED_HOSTS.
 */
export function releaseTarget(raw: string): Checked<string> {
  if (raw.startsWith('/') || raw.startsWith('\\')) {
    const path = normalizeSitePath(raw);
    return path.ok && path.value.startsWith(WITHDRAWN_ROOT) ? { ok: false, problem: `must not be under ${WITHDRAWN_ROOT}` } : path;
  }
  let host: string;
  try {
    host = new URL(raw).hostname;
  } catch {
    return { ok: false, problem: 'must be a path on this site or an https address' };
  }
  const target = parseRedirectTarget(raw, new Set([host]));
  return target.ok ? { ok: true, value: target.value.value } : target;
}

/** A redirect's `from` as the release may hold it: a path of this site other than the home page and the site's own folders. */
export function releaseSource(raw: string): Checked<string> {
  const from = normalizeSitePath(raw);
  if (!from.ok) return from;
  if (from.value === '/') return { ok: false, problem: 'must not be the home page' };
  if (from.value.startsWith(WITHDRAWN_ROOT)) return { ok: false, problem: `must not be under ${WITHDRAWN_ROOT}` };
  return from;
}

export interface MadeRules {
  /** In `from` order, each with the entry it was made of. */
  rules: { rule: RedirectRule; entry: Redirect }[];
  dropped: { from: string; problem: string }[];
}

/** The release's rules from the CMS's entries; each one that cannot be a rule is dropped, with why. */
export function makeRedirectRules(entries: readonly Redirect[]): MadeRules {
  const made = new Map<string, { rule: RedirectRule; entry: Redirect }>();
  const dropped: MadeRules['dropped'] = [];
  const drop = (entry: Redirect, problem: string) => dropped.push({ from: entry.from, problem });
  for (const entry of [...entries].sort((a, b) => a.documentId.localeCompare(b.documentId))) {
    const from = releaseSource(entry.from);
    if (!from.ok) {
      drop(entry, `from ${from.problem}`);
      continue;
    }
    if (made.has(from.value)) {
      drop(entry, 'from is the from of another redirect');
      continue;
    }
    if (entry.code === 410) {
      if (!PLAIN_ID.test(entry.documentId)) {
        drop(entry, 'its documentId cannot name a page');
        continue;
      }
      made.set(from.value, { rule: { from: from.value, to: null, code: 410, page: pageFile(withdrawnPagePath(entry.documentId)) }, entry });
      continue;
    }
    if (entry.code !== 301 && entry.code !== 302) {
      drop(entry, `code ${entry.code} is not one of ${REDIRECT_CODES.join(', ')}`);
      continue;
    }
    const to = entry.to === null ? ({ ok: false, problem: 'is empty' } as const) : releaseTarget(entry.to);
    if (!to.ok) {
      drop(entry, `to ${to.problem}`);
      continue;
    }
    if (to.value === from.value) {
      drop(entry, 'to is its own from');
      continue;
    }
    made.set(from.value, { rule: { from: from.value, to: to.value, code: entry.code, page: null }, entry });
  }
  const rules = [...made.values()].sort((a, b) => (a.rule.from < b.rule.from ? -1 : a.rule.from > b.rule.from ? 1 : 0));
  return { rules, dropped };
}

/** `/a/` for `/a/` and `/a`: Cloudflare matches the path as written, Netlify either way. */
const spellings = (from: string) => [from, from.slice(0, -1)];

/**
 * `_redirects` for Netlify and Cloudflare Pages: `/from /to 301`, and for a 410 the
 * withdrawn page served with its status (Netlify; Cloudflare has no 410 and ignores the line).
 * Every path is percent-encoded and no target has whitespace: one rule is one line.
 */
export function cdnRedirects(file: RedirectsFile): string {
  const lines = file.rules.flatMap((rule) =>
    spellings(rule.from).map((from) => (rule.code === 410 ? `${from} /${rule.page!.replace(/index\.html$/, '')} 410` : `${from} ${rule.to!} ${rule.code}`)),
  );
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
