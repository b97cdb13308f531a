import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { buildSearchIndex, type SearchIndexChange, type SearchIndexOptions, type SearchIndexResult } from '../../site/search/build-search-index.js';
import { repoRoot } from '../lib/paths.js';
import { clearAstroCache, clearAstroStaging } from './astro-cache.js';
import { runProcess } from './run-process.js';

export interface BuildSiteOptions {
  strapiUrl: string;
  strapiToken: string;
  /** Where the Astro project is; the repo's site/ by default. */
  siteDir?: string;
  /** Delete Astro's content cache first (a cold build). */
  clearCache?: boolean;
  /** Aborting kills the build's process group. */
  signal?: AbortSignal;
  /** Receives the build's output; the publisher's log file. */
  log?: Writable;
  /** The site build's own settings (SITE_URL, MEDIA_URL, …) where they come from .env. */
  env?: Record<string, string>;
  /** Where the build writes its page map; with `base`, only pages changed since that release are rendered. */
  pageMap?: { out: string; base?: { mapDir: string; releaseDir: string } };
}

/** npm workspaces hoist the binaries to the root; a site-local install wins when present. */
export function siteBinary(siteDir: string, name: string): string {
  const local = path.join(siteDir, 'node_modules', '.bin', name);
  return existsSync(local) ? local : path.join(repoRoot, 'node_modules', '.bin', name);
}

/**
 * With outDir outside its working directory, Astro stages the build in site/.astro/ and copies
 * all of it over, content-layer internals included. They are not part of the site.
 */
const ASTRO_INTERNALS = ['collections', 'content-assets.mjs', 'content-modules.mjs', 'settings.json', 'data-store.json'];

export async function removeAstroInternals(releaseDir: string): Promise<void> {
  await Promise.all(ASTRO_INTERNALS.map((name) => rm(path.join(releaseDir, name), { recursive: true, force: true })));
}

/** Lines that say which entry broke the build: the loader's, or Astro's schema check. */
const REASON = /(Strapi \w+ entry \S+: field .*|\*\*\S+\*\*: .*|data does not match collection schema.*)$/m;

/** The line of a build's output or error that names the broken entry and field, if any. */
export const failureReason = (text: string) => REASON.exec(text.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]?.trim();

/** Passes output on, keeping the last few KiB to find the reason a step failed. */
export function outputTail(output: Writable) {
  let recent = '';
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-8192);
    output.write(chunk);
  });
  return { stream, reason: () => failureReason(recent) };
}

const pageMapEnv = (pageMap: BuildSiteOptions['pageMap']): Record<string, string> =>
  !pageMap
    ? {}
    : {
        SITE_PAGE_INPUTS_OUT: pageMap.out,
        ...(pageMap.base ? { SITE_PAGE_INPUTS_BASE: pageMap.base.mapDir, SITE_BASE_RELEASE: pageMap.base.releaseDir } : {}),
      };

/** A cold build (`clearCache`) starts without Astro's content cache. */
export async function prepareAstroBuild(options: BuildSiteOptions): Promise<void> {
  if (!options.clearCache) return;
  const removed = await clearAstroCache(options.siteDir ?? path.join(repoRoot, 'site'), process.env.SITE_CACHE_DIR);
  (options.log ?? process.stdout).write(`cold build: removed ${removed.length ? removed.join(', ') : 'nothing (no cache yet)'}\n`);
}

/** What a site build reads from its environment, besides the publisher's own. */
export function siteBuildEnv(outDir: string, options: BuildSiteOptions): Record<string, string> {
  return {
    ...options.env,
    ...pageMapEnv(options.pageMap),
    STRAPI_URL: options.strapiUrl,
    STRAPI_TOKEN: options.strapiToken,
    SITE_OUT_DIR: outDir,
  };
}

/** `astro build --outDir <outDir>` from site/: every page, or with a base page map the changed ones. */
export async function astroBuild(outDir: string, options: BuildSiteOptions): Promise<void> {
  const siteDir = options.siteDir ?? path.join(repoRoot, 'site');
  await prepareAstroBuild(options);
  await clearAstroStaging(siteDir, outDir);
  const tail = outputTail(options.log ?? process.stdout);
  const env = { ...process.env, ...siteBuildEnv(outDir, options) };
  await runProcess(siteBinary(siteDir, 'astro'), ['build', '--outDir', outDir], { cwd: siteDir, env, output: tail.stream, signal: options.signal, label: 'astro build' }).catch(
    (error: Error) => {
      const reason = tail.reason();
      throw reason ? new Error(`${error.message}: ${reason}`) : error;
    },
  );
  await removeAstroInternals(outDir);
}

/**
 * The search index of a release (site/search/): every shard, or with `change` the shards of
 * the pages it lists. In this process: Pagefind's own binary does the work, and starting
 * a runtime for it would cost more than indexing one year. With `kept`, the shard indexes
 * stay in Pagefind's service for the next build.
 */
export async function indexSite(
  releaseDir: string,
  options: Pick<BuildSiteOptions, 'log' | 'signal'>,
  change?: SearchIndexChange,
  kept?: SearchIndexOptions['kept'],
): Promise<SearchIndexResult> {
  const result = await buildSearchIndex(releaseDir, change, { signal: options.signal, kept });
  const pages = Object.keys(result.quarters).length;
  const shards = result.written.map((shard) => (result.reused.includes(shard) ? `${shard} (kept index)` : shard));
  (options.log ?? process.stdout).write(`search index: ${pages} pages; shards written: ${shards.join(', ') || 'none'}\n`);
  return result;
}

/** The real full build: every page, then pagefind's index over it. */
export async function buildSite(releaseDir: string, options: BuildSiteOptions): Promise<void> {
  await astroBuild(releaseDir, options);
  await indexSite(releaseDir, options);
}
