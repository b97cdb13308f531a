import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { WITHDRAWN_ROOT } from '../../cms/src/content-model/urls.js';
import { normalizeSitePath } from '../../cms/src/redirects/site-path.js';
import { REDIRECTS_FILE, releaseSource, releaseTarget } from '../../site/src/lib/redirect-rules.js';

/** `_withdrawn/<documentId>/index.html`: one plain folder under the withdrawn root, nothing that climbs out. */
const WITHDRAWN_PAGE = new RegExp(`^${WITHDRAWN_ROOT.slice(1)}[A-Za-z0-9_-]{1,64}/index\\.html$`);

/** A rule's path as the site wrote it, already in the one spelling (site-path.ts): anything else was not made by the site. */
const spelled = (check: (raw: string) => { ok: true; value: string } | { ok: false; problem: string }) =>
  z.string().superRefine((value, ctx) => {
    const checked = check(value);
    if (!checked.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.problem });
    else if (checked.value !== value) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not in its normal spelling (${checked.value})` });
  });

export const redirectRuleSchema = z.discriminatedUnion('code', [
  z.object({ from: spelled(releaseSource), to: spelled(releaseTarget), code: z.literal(301), page: z.null() }),
  z.object({ from: spelled(releaseSource), to: spelled(releaseTarget), code: z.literal(302), page: z.null() }),
  z.object({ from: spelled(releaseSource), to: z.null(), code: z.literal(410), page: z.string().regex(WITHDRAWN_PAGE, 'must be a withdrawn page of the release') }),
]);

/** A release's `redirects.json` (site/src/pages/redirects.json.ts); the one schema everything that reads it uses. */
export const releaseRedirectsSchema = z
  .object({ version: z.literal(1), rules: z.array(redirectRuleSchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.from)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', i, 'from'], message: 'is the from of an earlier rule' });
      seen.add(rule.from);
    });
  });

export type ReleaseRedirects = z.infer<typeof releaseRedirectsSchema>;
export type ReleaseRedirectRule = z.infer<typeof redirectRuleSchema>;

const describe = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(file)'} ${issue.message}`)
    .join('; ');

/** A release's redirects, checked; a release without the file has none. Throws naming the first problems. */
export async function readReleaseRedirects(releaseDir: string): Promise<ReleaseRedirects> {
  let text: string;
  try {
    text = await readFile(path.join(releaseDir, REDIRECTS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, rules: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${REDIRECTS_FILE}: not JSON`);
  }
  const parsed = releaseRedirectsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${REDIRECTS_FILE}: ${describe(parsed.error)}`);
  return parsed.data;
}

/**
 * The rules of one release by the path they answer for. A request's path is put in the same
 * spelling first (percent-encoding, NFC, with or without its trailing `/`), so `/tin-tuc/cu`
 * and `/tin-tuc/c%75/` find the rule for `/tin-tuc/cu/`.
 */
export class RedirectTable {
  readonly #rules: Map<string, ReleaseRedirectRule>;

  constructor(file: ReleaseRedirects) {
    this.#rules = new Map(file.rules.map((rule) => [rule.from, rule]));
  }

  get size(): number {
    return this.#rules.size;
  }

  match(requestPath: string): ReleaseRedirectRule | undefined {
    if (this.#rules.size === 0) return undefined;
    const path = normalizeSitePath(requestPath);
    return path.ok ? this.#rules.get(path.value) : undefined;
  }
}

/** Whether a request's path is inside the withdrawn pages' folder, which is never served as itself. */
export function isWithdrawnPath(decodedPath: string): boolean {
  return `${decodedPath.normalize('NFC')}/`.startsWith(WITHDRAWN_ROOT);
}
