import { statSync } from 'node:fs';
import path from 'node:path';
import { readReleaseRedirects, RedirectTable, type ReleaseRedirects } from '../release-redirects.js';

/** Why an internal link fails, in the editors' words; null when it leads to a page. */
export type InternalVerdict = string | null;

export const REASONS = {
  missing: 'Trang không tồn tại trên cổng (404)',
  withdrawn: 'Trang đã gỡ (410)',
  redirectMissing: 'Chuyển hướng tới trang không tồn tại',
  unreadable: 'Đường dẫn không hợp lệ',
} as const;

/** Answers whether a site path is a page or file of one release, as the public server would serve it. */
export class ReleasePaths {
  readonly #dir: string;
  readonly #redirects: RedirectTable;

  constructor(releaseDir: string, redirects: ReleaseRedirects) {
    this.#dir = releaseDir;
    this.#redirects = new RedirectTable(redirects);
  }

  /** A release with its redirects.json read through the one schema (release-redirects.ts); throws when the file is not the site's. */
  static async open(releaseDir: string): Promise<ReleasePaths> {
    return new ReleasePaths(releaseDir, await readReleaseRedirects(releaseDir));
  }

  /** A path with no query or fragment (`/tin-tuc/a/`). */
  check(urlPath: string, hops = 0): InternalVerdict {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return REASONS.unreadable;
    }
    if (decoded.split('/').includes('..') || decoded.includes('\0')) return REASONS.unreadable;
    if (this.#exists(decoded)) return null;
    const rule = this.#redirects.match(urlPath);
    if (!rule) return REASONS.missing;
    if (rule.code === 410) return REASONS.withdrawn;
    // An allowed external target (REDIRECT_ALLOWED_HOSTS) is the CMS's to vouch for.
    if (/^https:\/\//i.test(rule.to)) return null;
    // Chains are collapsed at the source; a second hop means the rules changed under us.
    if (hops > 0) return REASONS.redirectMissing;
    return this.check(rule.to.replace(/[?#].*$/, ''), hops + 1) === null ? null : REASONS.redirectMissing;
  }

  #exists(decoded: string): boolean {
    const relative = decoded.replace(/^\/+/, '');
    const candidates = decoded.endsWith('/') ? [`${relative}index.html`] : [relative, `${relative}/index.html`];
    return candidates.some((file) => statSync(path.join(this.#dir, file), { throwIfNoEntry: false })?.isFile() ?? false);
  }
}
