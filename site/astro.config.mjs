// @ts-check
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'astro/config';
import { contentStoreFromDisk } from './integrations/content-store-from-disk';
import { contentStoreWritesInOrder } from './integrations/content-store-writes-in-order';
import { incrementalSitemap } from './integrations/incremental-sitemap';
import { redirectFiles } from './integrations/redirect-files';

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

export default defineConfig({
  site,
  output: 'static',
  outDir: outDir.pathname,
  ...(cacheDir ? { cacheDir: cacheDir.pathname } : {}),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    contentStoreWritesInOrder(),
    contentStoreFromDisk(),
    incrementalSitemap(site),
    redirectFiles(),
  ],
  // Astro inlines small scripts by default; the site's CSP allows only script files.
  vite: { build: { assetsInlineLimit: 0 } },
  image: {
    // An empty port (the scheme's default) matches any port, as Astro intends.
    remotePatterns: [strapi, ...(media ? [media] : [])].map((url) => ({ protocol: url.protocol.slice(0, -1), hostname: url.hostname, port: url.port })),
  },
});
