import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The release contract's shape (REDIRECT-SITE's release-redirects.ts holds the one schema once it lands).
const redirectsSchema = z.object({
  version: z.literal(1),
  rules: z.array(z.object({ from: z.string(), to: z.string().nullable(), code: z.union([z.literal(301), z.literal(302), z.literal(410)]), page: z.string().nullable() })),
});
type Rule = z.infer<typeof redirectsSchema>['rules'][number];

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
  readonly #rules: Map<string, Rule>;

  constructor(releaseDir: string) {
    this.#dir = releaseDir;
    this.#rules = new Map(readRules(releaseDir).map((rule) => [rule.from, rule]));
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
    const rule = this.#rules.get(decoded.endsWith('/') ? decoded : `${decoded}/`) ?? this.#rules.get(decoded);
    if (!rule) return REASONS.missing;
    if (rule.code === 410) return REASONS.withdrawn;
    if (!rule.to) return REASONS.redirectMissing;
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

/** The release's redirects.json; a release without one has no rules. */
function readRules(releaseDir: string): Rule[] {
  const file = path.join(releaseDir, 'redirects.json');
  if (!existsSync(file)) return [];
  const parsed = redirectsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not what was expected: ${parsed.error.issues[0]?.message}`);
  return parsed.data.rules;
}
