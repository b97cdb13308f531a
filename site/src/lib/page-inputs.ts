/**
 * Which pages a build renders. Each dynamic route states, for every path, what its page
 * shows (`input`: the entries and their order). A full build renders every path and records
 * a digest of each input in SITE_PAGE_INPUTS_OUT; an incremental build, given the live
 * release's digests in SITE_PAGE_INPUTS_BASE, renders only the paths that are new or whose
 * input changed. A page is a function of its input, its chrome (what every page shows: the site
 * settings and the running alerts, queries.ts `pageChrome`) and the templates: the chrome is part
 * of every page's digest, so a settings edit re-renders every page in the same incremental way,
 * and the publisher builds in full when the templates change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PathWithInput<Props> {
  params: Record<string, string>;
  props: Props;
  input: unknown;
}

type Digests = Record<string, string>;

const fingerprints = new WeakMap<object, string>();
const isEntry = (value: Record<string, unknown>) => typeof value.documentId === 'string' && value.updatedAt instanceof Date;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * A compact, complete description of what a page shows. An entry's own fields change only
 * with its updatedAt (publishing moves publishedAt alone), so an entry stands for itself by
 * documentId and those two stamps; the entries it links to are described the same way, since
 * a renamed person changes the pages of the articles that list them without touching those
 * articles. Shared objects (one article on many pages) are described once, and an entry by
 * the digest of its description: a page listing twenty articles is then a short text, not
 * twenty articles with everything they link to, hashed again for every page that lists them.
 */
export function fingerprint(value: unknown): string {
  if (value === null || value === undefined) return '~';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return JSON.stringify(value);
  const known = fingerprints.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map(fingerprint).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const entry = isEntry(record);
    const fields = Object.keys(record).filter((key) => !entry || (typeof record[key] === 'object' && !(record[key] instanceof Date)));
    const stamp = entry ? `${record.documentId as string}@${fingerprint(record.updatedAt)}@${fingerprint(record.publishedAt)}` : '';
    const description = `{${stamp}${fields.map((key) => `;${key}=${fingerprint(record[key])}`).join('')}}`;
    text = entry ? `#${digest(description)}` : description;
  }
  fingerprints.set(value, text);
  return text;
}

/** `/tin-tuc/[slug]/` with `{ slug: 'a' }` → `/tin-tuc/a/`. */
export function pagePath(route: string, params: Record<string, string>): string {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`route ${route}: no value for [${name}]`);
    return value;
  });
}

const digestFile = (dir: string, route: string) => path.join(dir, `${route.replace(/[^\w]+/g, '_').replace(/^_|_$/g, '')}.json`);

function readDigests(dir: string, route: string): Digests | undefined {
  const file = digestFile(dir, route);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Digests) : undefined;
}

/** Every page a map lists (one digest file per dynamic route), as URL paths. */
export function mappedPaths(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => Object.keys(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Digests));
}

/** The paths of one route this build renders; records every path's digest (of its input and the chrome) on the way. */
export function selectPaths<Props>(route: string, paths: PathWithInput<Props>[], chrome: unknown = null): { params: Record<string, string>; props: Props }[] {
  const out = process.env.SITE_PAGE_INPUTS_OUT;
  const base = process.env.SITE_PAGE_INPUTS_BASE;
  const strip = ({ params, props }: PathWithInput<Props>) => ({ params, props });
  if (!out && !base) return paths.map(strip);
  const keys = paths.map((p) => pagePath(route, p.params));
  const digests: Digests = {};
  const shared = fingerprint(chrome);
  paths.forEach((p, i) => (digests[keys[i]!] = digest(`${shared}|${fingerprint(p.input)}`)));
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(digestFile(out, route), JSON.stringify(digests));
  }
  const previous = base ? readDigests(base, route) : undefined;
  if (!previous) return paths.map(strip);
  return paths.filter((_, i) => previous[keys[i]!] !== digests[keys[i]!]).map(strip);
}
