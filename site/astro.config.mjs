// @ts-check
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentStoreFromDisk } from './integrations/content-store-from-disk';
import { mappedPaths } from './src/lib/page-inputs';

const site = process.env.SITE_URL ?? 'http://localhost:4321';
const strapi = new URL(process.env.STRAPI_URL ?? 'http://127.0.0.1:1337');
// Uploads on object storage (the CMS's S3_PUBLIC_URL) come from there, not from the CMS.
const media = process.env.MEDIA_URL ? new URL(process.env.MEDIA_URL) : undefined;
// The publisher builds each release into its own folder (SITE_OUT_DIR); by hand it is dist/.
const outDir = process.env.SITE_OUT_DIR
  ? pathToFileURL(`${path.resolve(process.env.SITE_OUT_DIR)}/`)
  : new URL('./dist/', import.meta.url);
// The content cache (synced entries and the loader's sync marks) outlives a release.
const cacheDir = process.env.SITE_CACHE_DIR ? pathToFileURL(`${path.resolve(process.env.SITE_CACHE_DIR)}/`) : undefined;

// An incremental build (scripts/publisher/incremental/) renders only changed pages into
// outDir; the others are the live release's, and its page map lists them.
const baseRelease = process.env.SITE_BASE_RELEASE ? pathToFileURL(`${path.resolve(process.env.SITE_BASE_RELEASE)}/`) : undefined;

// The live release's pages this build does not render still belong in the sitemap, unless
// this build's own map (complete once the pages are generated) no longer has them.
const livePages = baseRelease ? mappedPaths(process.env.SITE_PAGE_INPUTS_BASE) : [];
const livePageSet = new Set(livePages);
/** @type {Set<string> | undefined} */
let stillMapped;
function stillExists(/** @type {string} */ url) {
  if (!baseRelease) return true;
  stillMapped ??= new Set(mappedPaths(process.env.SITE_PAGE_INPUTS_OUT));
  const page = decodeURI(new URL(url).pathname);
  return stillMapped.has(page) || !livePageSet.has(page);
}

/** The live release's sitemap as URL → lastmod: an incremental build's unrendered pages keep theirs. */
async function liveLastmods() {
  if (!baseRelease) return new Map();
  const names = (await readdir(baseRelease)).filter((name) => /^sitemap-\d+\.xml$/.test(name));
  const xml = (await Promise.all(names.map((name) => readFile(new URL(name, baseRelease), 'utf8')))).join('');
  return new Map([...xml.matchAll(/<loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod>/g)].map((m) => [m[1], m[2]]));
}
/** @type {Promise<Map<string, string>> | undefined} */
let lastmods;

/**
 * The sitemap runs after every page is written, so each URL's lastmod is read back from
 * the og:updated_time its own page printed (from the entry's updatedAt). Pages without
 * one — listings, search — are left without lastmod rather than given a made-up date.
 */
async function withLastmod(/** @type {import('@astrojs/sitemap').SitemapItem} */ item) {
  const page = `${decodeURI(new URL(item.url).pathname).replace(/^\//, '')}index.html`;
  const rendered = new URL(page, outDir);
  const html = existsSync(rendered) ? await readFile(rendered, 'utf8') : undefined;
  const lastmod = html === undefined ? (await (lastmods ??= liveLastmods())).get(item.url) : /<meta property="og:updated_time" content="([^"]+)"/.exec(html)?.[1];
  return lastmod ? { ...item, lastmod } : item;
}

export default defineConfig({
  site,
  output: 'static',
  outDir: outDir.pathname,
  ...(cacheDir ? { cacheDir: cacheDir.pathname } : {}),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    contentStoreFromDisk(),
    sitemap({ serialize: withLastmod, customPages: livePages.map((page) => new URL(page, site).href), filter: stillExists }),
  ],
  // Astro inlines small scripts by default; the site's CSP allows only script files.
  vite: { build: { assetsInlineLimit: 0 } },
  image: {
    // An empty port (the scheme's default) matches any port, as Astro intends.
    remotePatterns: [strapi, ...(media ? [media] : [])].map((url) => ({ protocol: url.protocol.slice(0, -1), hostname: url.hostname, port: url.port })),
  },
});
