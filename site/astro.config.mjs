// @ts-check
import { readFile } from 'node:fs/promises';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

const site = process.env.SITE_URL ?? 'http://localhost:4321';
const strapi = new URL(process.env.STRAPI_URL ?? 'http://127.0.0.1:1337');
// Astro's default outDir, which `pagefind --site dist` also reads.
const outDir = new URL('./dist/', import.meta.url);

/**
 * The sitemap runs after every page is written, so each URL's lastmod is read back from
 * the og:updated_time its own page printed (from the entry's updatedAt). Pages without
 * one — listings, search — are left without lastmod rather than given a made-up date.
 */
async function withLastmod(/** @type {import('@astrojs/sitemap').SitemapItem} */ item) {
  const path = decodeURI(new URL(item.url).pathname).replace(/^\//, '');
  const html = await readFile(new URL(`${path}index.html`, outDir), 'utf8').catch(() => '');
  const lastmod = /<meta property="og:updated_time" content="([^"]+)"/.exec(html)?.[1];
  return lastmod ? { ...item, lastmod } : item;
}

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [sitemap({ serialize: withLastmod })],
  image: {
    remotePatterns: [
      // An empty port (the scheme's default) matches any port, as Astro intends.
      { protocol: strapi.protocol.slice(0, -1), hostname: strapi.hostname, port: strapi.port },
    ],
  },
});
