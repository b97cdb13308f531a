import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import sitemap, { type SitemapItem } from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { SitemapStream, streamToPromise } from 'sitemap';
import { inSitemap, SITEMAP_ENTRY_LIMIT, sitemapOptions, type BuildSitemap } from './sitemap-options.js';
import { patchSitemap } from './sitemap-patch.js';

/** @astrojs/sitemap's file names, which the site keeps. */
const FILE = (i: number) => `sitemap-${i}.xml`;
/** Pages @astrojs/sitemap leaves out. */
const STATUS_PAGES = new Set(['404', '500']);

type BuildDone = NonNullable<AstroIntegration['hooks']['astro:build:done']>;

/** The build log's word that an incremental build's sitemap was made from the live release's. */
export const SITEMAP_FROM_LIVE = "sitemap: the live release's, with the pages rendered";

/** The live release's sitemap files, in order; empty when it has none of the usual kind. */
async function liveSitemap(release: URL): Promise<string[]> {
  const files: string[] = [];
  while (existsSync(new URL(FILE(files.length), release))) files.push(await readFile(new URL(FILE(files.length), release), 'utf8'));
  return files;
}

/** The rendered pages' entries as the `sitemap` package writes them (the same stream @astrojs/sitemap uses). */
async function renderedEntries(items: SitemapItem[], hostname: string): Promise<string | undefined> {
  if (items.length === 0) return undefined;
  const stream = new SitemapStream({ hostname, xmlns: { news: true, xhtml: true, image: true, video: true } });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/**
 * An incremental build's sitemap from the live release's (sitemap-patch.ts); whether it
 * could be made so. Only the files that differ are written: the others stay linked.
 */
async function patchLive(build: BuildSitemap, site: string, dir: URL, pages: readonly string[]): Promise<boolean> {
  if (!build.baseRelease) return false;
  const live = await liveSitemap(build.baseRelease);
  if (live.length === 0) return false;
  const root = new URL('/', site);
  const items = await Promise.all(
    pages
      .map((page) => page.replace(/^\//, ''))
      .filter((page) => !STATUS_PAGES.has(page.replace(/\/$/, '')))
      .map((page) => new URL(`${root.pathname}${page}`, root).href)
      .filter(inSitemap)
      .map((url) => build.withLastmod({ url } as SitemapItem)),
  );
  const files = patchSitemap({ live, rendered: await renderedEntries(items, root.href), gone: (url) => !build.stillExists(url), limit: SITEMAP_ENTRY_LIMIT });
  if (!files) return false;
  await Promise.all(files.map((xml, i) => (xml === live[i] ? undefined : writeFile(new URL(FILE(i), dir), xml))));
  return true;
}

/**
 * @astrojs/sitemap, with an incremental build's sitemap made from the live release's instead
 * of written again for every page of the archive; a whole build, or a change the patch cannot
 * make, gets @astrojs/sitemap's own.
 */
export function incrementalSitemap(site: string, env: NodeJS.ProcessEnv = process.env): AstroIntegration {
  const { options, build } = sitemapOptions(site, env);
  const astroSitemap = sitemap(options);
  const whole = astroSitemap.hooks['astro:build:done'] as BuildDone;
  const done: BuildDone = async (params) => {
    if (await patchLive(build(), site, params.dir, params.pages.map((page) => page.pathname))) {
      params.logger.info(`${SITEMAP_FROM_LIVE} (${params.pages.length}, in ${fileURLToPath(params.dir)})`);
      return;
    }
    await whole(params);
  };
  return { ...astroSitemap, hooks: { ...astroSitemap.hooks, 'astro:build:done': done } };
}
