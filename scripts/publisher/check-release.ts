import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { entryPath, SITE_PATHS } from '../../cms/src/content-model/urls.js';
import { PublishedSlugs, type CmsOptions } from './cms-articles.js';
import { readReleaseRedirects } from './release-redirects.js';

/** A URL path's file in the release: `/tin-tuc/a/` → `tin-tuc/a/index.html`, `/rss.xml` → `rss.xml`. */
const releaseFile = (urlPath: string) => `${decodeURIComponent(urlPath).replace(/^\//, '')}${urlPath.endsWith('/') ? 'index.html' : ''}`;

/** Pages every release must have, whatever the content. */
const requiredFiles = [releaseFile(SITE_PATHS.home), '404.html', releaseFile(SITE_PATHS.sitemap), releaseFile(SITE_PATHS.rss)];
/** Pages whose layout loads what every page loads: the site's scripts, styles and icons. */
const layoutPages = ['index.html', '404.html'];

const TAG = /<(script|link|img)\b[^>]*>/gi;
const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i');
/** Links that name a page or a feed, not a file the page loads. */
const LOADED_LINKS = /^(stylesheet|icon|apple-touch-icon|manifest|preload|modulepreload)$/i;

/** The files of this site a page loads (`/_astro/…`, `/scripts/…`), relative to the release. */
export function loadedFiles(html: string): string[] {
  const files = new Set<string>();
  for (const [tag, element = ''] of html.matchAll(TAG)) {
    const link = element.toLowerCase() === 'link';
    const rel = ATTRIBUTE('rel').exec(tag)?.[1];
    if (link && !rel?.split(/\s+/).some((value) => LOADED_LINKS.test(value))) continue;
    const url = ATTRIBUTE(link ? 'href' : 'src').exec(tag)?.[1];
    if (!url?.startsWith('/') || url.startsWith('//')) continue;
    files.add(decodeURI(url.replace(/[?#].*$/, '')).replace(/^\//, ''));
  }
  return [...files];
}

const readText = (file: string) => readFile(file, 'utf8').catch(() => '');

/** Files looked at between two turns of the event loop: a few milliseconds' work. */
const CHUNK = 256;

/**
 * The files of `expected` the release lacks. Asked synchronously, a chunk at a time: ten
 * thousand calls through libuv's four threads take a quarter of a second, and the public
 * server in the same process would wait behind them for its own; this way it waits for at
 * most one chunk.
 */
async function missingFiles(releaseDir: string, expected: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < expected.length; i += CHUNK) {
    for (const file of expected.slice(i, i + CHUNK)) {
      if (!statSync(path.join(releaseDir, file), { throwIfNoEntry: false })?.isFile()) missing.push(file);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return missing;
}

/** Slugs that name a folder of their own under the articles' base, or the error that the CMS lists one that cannot. */
function safeSlugs(slugs: string[]): string[] {
  const unsafe = slugs.filter((slug) => slug.includes('/') || slug.includes('\\') || slug === '.' || slug === '..');
  if (unsafe.length > 0) throw new Error(`the CMS lists article slugs that cannot be pages: ${unsafe.join(', ')}`);
  return slugs;
}

const articlePages = (slugs: string[]) => slugs.map((slug) => releaseFile(entryPath(CONTENT_TYPES.article, slug)));

/**
 * Refuses a release that would break the public site: a missing home, 404 page, sitemap
 * or feed, a script, style or icon their layout loads, a redirects.json that is not the
 * site's (release-redirects.ts) or a withdrawn page it names, or a published article (as the CMS
 * lists it while the release is built) without its page. The list is asked for at once; the
 * release is looked at when `built` resolves. `published` keeps the list from one check to
 * the next; a list made of changes is asked for whole before it can fail a release.
 */
export async function checkRelease(
  releaseDir: string,
  options: CmsOptions,
  built: Promise<void> = Promise.resolve(),
  published: PublishedSlugs = new PublishedSlugs(),
): Promise<void> {
  const [listed] = await Promise.all([published.list(options), built]);
  let slugs = safeSlugs(listed.slugs);
  // Its servers follow these rules blindly: a file that is not what the site writes stops the release.
  const redirects = await readReleaseRedirects(releaseDir).catch((error: Error) => {
    throw new Error(`release check failed: ${error.message}`);
  });
  const withdrawnPages = redirects.rules.flatMap((rule) => (rule.page ? [rule.page] : []));
  const layouts = await Promise.all(layoutPages.map((page) => readText(path.join(releaseDir, page))));
  const loaded = [...new Set(layouts.flatMap(loadedFiles))];
  let missing = await missingFiles(releaseDir, [...requiredFiles, ...loaded, ...withdrawnPages, ...articlePages(slugs)]);
  if (missing.length > 0 && !listed.whole) {
    slugs = safeSlugs((await published.list(options, true)).slugs);
    missing = await missingFiles(releaseDir, [...requiredFiles, ...loaded, ...withdrawnPages, ...articlePages(slugs)]);
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    throw new Error(`release check failed: ${missing.length} missing (${shown}${missing.length > 5 ? ', …' : ''})`);
  }
}
