import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SitemapItem, SitemapOptions } from '@astrojs/sitemap';
import { FORM_REPLY_PATHS, WITHDRAWN_ROOT } from '../src/lib/content-model.js';
import { mappedPaths } from '../src/lib/page-inputs.js';

/** What one build's sitemap depends on, from the build's environment. */
export interface BuildSitemap {
  key: string;
  /** The live release an incremental build renders over; undefined for a whole build. */
  baseRelease: URL | undefined;
  livePages: string[];
  stillExists(url: string): boolean;
  withLastmod(item: SitemapItem): Promise<SitemapItem>;
}

const dirUrl = (dir: string) => pathToFileURL(`${path.resolve(dir)}/`);

/** The pages (`/tin-tuc/a/`) a build wrote into `dir`: few for an incremental build. */
function writtenPages(dir: string, page = '/'): string[] {
  return readdirSync(path.join(dir, page), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? writtenPages(dir, `${page}${entry.name}/`) : entry.name === 'index.html' ? [page] : [],
  );
}

function buildSitemap(env: NodeJS.ProcessEnv, key: string): BuildSitemap {
  // The publisher builds each release into its own folder (SITE_OUT_DIR); by hand it is dist/.
  const outDir = env.SITE_OUT_DIR ? dirUrl(env.SITE_OUT_DIR) : new URL('../dist/', import.meta.url);
  // An incremental build (scripts/publisher/incremental/) renders only changed pages into
  // outDir; the others are the live release's, and its page map lists them.
  const baseRelease = env.SITE_BASE_RELEASE ? dirUrl(env.SITE_BASE_RELEASE) : undefined;
  const livePages = baseRelease ? mappedPaths(env.SITE_PAGE_INPUTS_BASE) : [];
  const livePageSet = new Set(livePages);
  let stillMapped: Set<string> | undefined;
  // Asking the disk about every page of the archive costs more than listing the few written.
  let written: Set<string> | undefined;
  const isWritten = (page: string, file: URL) => (baseRelease ? (written ??= new Set(writtenPages(fileURLToPath(outDir)))).has(page) : existsSync(file));
  let lastmods: Promise<Map<string, string>> | undefined;

  /** The live release's sitemap as URL → lastmod: an incremental build's unrendered pages keep theirs. */
  async function liveLastmods(): Promise<Map<string, string>> {
    if (!baseRelease) return new Map();
    const names = (await readdir(baseRelease)).filter((name) => /^sitemap-\d+\.xml$/.test(name));
    const xml = (await Promise.all(names.map((name) => readFile(new URL(name, baseRelease), 'utf8')))).join('');
    return new Map([...xml.matchAll(/<loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod>/g)].map((m) => [m[1]!, m[2]!]));
  }

  return {
    key,
    baseRelease,
    livePages,
    // The live release's pages this build does not render still belong in the sitemap, unless
    // this build's own map (complete once the pages are generated) no longer has them.
    stillExists(url) {
      if (!baseRelease) return true;
      stillMapped ??= new Set(mappedPaths(env.SITE_PAGE_INPUTS_OUT));
      const page = decodeURI(new URL(url).pathname);
      return stillMapped.has(page) || !livePageSet.has(page);
    },
    /**
     * The sitemap runs after every page is written, so each URL's lastmod is read back from
     * the og:updated_time its own page printed (from the entry's updatedAt). Pages without
     * one — listings, search — are left without lastmod rather than given a made-up date.
     */
    async withLastmod(item) {
      const page = decodeURI(new URL(item.url).pathname);
      const rendered = new URL(`${page.replace(/^\//, '')}index.html`, outDir);
      const html = isWritten(page, rendered) ? await readFile(rendered, 'utf8') : undefined;
      const lastmod = html === undefined ? (await (lastmods ??= liveLastmods())).get(item.url) : /<meta property="og:updated_time" content="([^"]+)"/.exec(html)?.[1];
      return lastmod ? { ...item, lastmod } : item;
    },
  };
}

const FORM_REPLIES = new Set<string>(Object.values(FORM_REPLY_PATHS));

/**
 * Whether a page of the build belongs in the sitemap: a withdrawn page is only ever its old
 * address's 410, and a form's reply page (noindex) is only reached by posting the form.
 */
export const inSitemap = (url: string): boolean => {
  const page = new URL(url, 'http://x').pathname;
  return !page.startsWith(WITHDRAWN_ROOT) && !FORM_REPLIES.has(page);
};

/** URLs a sitemap file holds at most: @astrojs/sitemap's default, said here for the patch (incremental-sitemap.ts). */
export const SITEMAP_ENTRY_LIMIT = 45_000;

const BUILD_VARIABLES = ['SITE_OUT_DIR', 'SITE_BASE_RELEASE', 'SITE_PAGE_INPUTS_BASE', 'SITE_PAGE_INPUTS_OUT'] as const;

/**
 * @astrojs/sitemap's options, and the build they are for, read from the environment when each
 * build ends rather than when the config loads: the publisher's site renderer runs many
 * builds, each into its own folder over its own live release, from one loaded config.
 */
export function sitemapOptions(site: string, env: NodeJS.ProcessEnv = process.env): { options: SitemapOptions; build(): BuildSitemap } {
  let current: BuildSitemap | undefined;
  const build = () => {
    const key = BUILD_VARIABLES.map((name) => env[name] ?? '').join('\0');
    if (current?.key !== key) current = buildSitemap(env, key);
    return current;
  };
  return {
    build,
    options: {
      entryLimit: SITEMAP_ENTRY_LIMIT,
      get customPages() {
        return build().livePages.map((page) => new URL(page, site).href);
      },
      filter: (url) => inSitemap(url) && build().stillExists(url),
      serialize: (item) => build().withLastmod(item),
    },
  };
}
