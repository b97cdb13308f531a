// @ts-check
/**
 * The draft preview: the same templates as the live site, rendered on request by the
 * publisher (scripts/publisher/preview-server.ts), which checks the signed URL and hands
 * the preview token in Astro.locals. Only src/preview/pages are routes here; no content
 * collection is loaded, the pages read Strapi live.
 */
import path from 'node:path';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import base from './astro.config.mjs';

export default defineConfig({
  site: base.site,
  srcDir: './src/preview',
  outDir: path.resolve(process.env.PREVIEW_OUT_DIR ?? 'dist-preview'),
  ...(process.env.PREVIEW_CACHE_DIR ? { cacheDir: path.resolve(process.env.PREVIEW_CACHE_DIR) } : {}),
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'ignore',
  vite: base.vite,
  image: base.image,
});
