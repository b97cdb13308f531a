import { z } from 'zod';

/** A bare host name as an operator writes it: no scheme, path, port or credentials. */
const host = z
  .string()
  .regex(/^[^\s/\\@:?#]+$/, 'must be a bare host name such as dichvucong.gov.vn')
  .transform((name, ctx) => {
    try {
      // The host as URLs spell it (lower case, punycode), so it compares with a parsed target's.
      return new URL(`https://${name}/`).hostname;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${name}" is not a host name` });
      return z.NEVER;
    }
  });

const allowedHosts = z
  .string()
  .default('')
  .transform((list) => list.split(',').map((name) => name.trim()).filter(Boolean))
  .pipe(z.array(host));

/**
 * REDIRECT_ALLOWED_HOSTS: the other sites a redirect may send a citizen to, comma-separated;
 * empty (the default) allows none. Read when asked, so a restart's environment is the one in force.
 */
export function redirectAllowedHosts(env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> {
  const parsed = allowedHosts.safeParse(env.REDIRECT_ALLOWED_HOSTS);
  if (!parsed.success) throw new Error(`REDIRECT_ALLOWED_HOSTS: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return new Set(parsed.data);
}
