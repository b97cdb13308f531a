import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readReleaseRedirects, type ReleaseRedirectRule, type ReleaseRedirects } from '../publisher/release-redirects.js';

/** Beside redirects.json in every release; nginx.conf.template includes the live release's. */
export const NGINX_REDIRECTS_FILE = 'nginx-redirects.conf';

/**
 * What may stand inside a double-quoted nginx string here. nginx compares `location =` with
 * the decoded path, so `from` is written decoded; anything that ends the string, escapes,
 * names a variable or ends a directive (`"` `\` `$` `;` `{` `}` `#` `'`, control characters)
 * is refused rather than escaped, and the rule left to the publisher's own server.
 */
const UNSAFE_IN_STRING = /["\\$;{}#'\u0000-\u001f\u007f]/;
/** A redirect's target as a Location: the URL characters that mean nothing to nginx. */
const SAFE_TARGET = /^[A-Za-z0-9\-._~!*()%/:?\[\]@&+,=]+$/;
const SAFE_PAGE = /^[A-Za-z0-9\-._/]+$/;

export interface NginxRedirects {
  conf: string;
  /** Rules nginx cannot be given safely, by `from`. */
  refused: string[];
}

function locations(rule: ReleaseRedirectRule): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rule.from);
  } catch {
    return undefined;
  }
  if (UNSAFE_IN_STRING.test(decoded)) return undefined;
  let body: string;
  if (rule.code === 410) {
    if (!SAFE_PAGE.test(rule.page)) return undefined;
    body = `error_page 410 /${rule.page}; return 410;`;
  } else {
    if (!SAFE_TARGET.test(rule.to)) return undefined;
    body = `return ${rule.code} "${rule.to}";`;
  }
  // With and without its trailing slash, as the publisher's server matches it.
  return [decoded, decoded.slice(0, -1)].map((from) => `location = "${from}" { ${body} }`);
}

/** The `location` blocks of a release's rules, for the site's `server` (nginx.conf.template). */
export function renderNginxRedirects(file: ReleaseRedirects): NginxRedirects {
  const lines = ['# Written by the publisher from this release\'s redirects.json; nginx reads it at reload.'];
  const refused: string[] = [];
  for (const rule of file.rules) {
    const blocks = locations(rule);
    if (blocks) lines.push(...blocks);
    else refused.push(rule.from);
  }
  return { conf: `${lines.join('\n')}\n`, refused };
}

/**
 * Writes the release's nginx-redirects.conf from its redirects.json. Written to a new file
 * and renamed: an incremental release starts as hard links to the live one's files.
 */
export async function writeNginxRedirects(releaseDir: string): Promise<NginxRedirects> {
  const rendered = renderNginxRedirects(await readReleaseRedirects(releaseDir));
  const target = path.join(releaseDir, NGINX_REDIRECTS_FILE);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, rendered.conf);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return rendered;
}
