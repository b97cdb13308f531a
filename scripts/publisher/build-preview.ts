import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { repoRoot } from '../lib/paths.js';
import { SITE_SHARED_SOURCES, sourceHash } from '../lib/source-hash.js';
import { siteBinary } from './build-site.js';
import { runProcess } from './run-process.js';

export interface PreviewBuildOptions {
  /** Where the preview build lives (PREVIEW_BUILD_DIR). */
  outDir: string;
  /** Baked into the build: Astro allows remote images only from the CMS it was built for. */
  strapiUrl: string;
  siteUrl: string;
  siteDir?: string;
  output?: Writable;
  /** The site build's settings from .env (MEDIA_URL: where photos may come from). */
  env?: Record<string, string>;
}

const STAMP = '.source-hash';

/**
 * Builds the preview server (site/astro.preview.config.mjs) unless the one in outDir was
 * built from the same templates and settings. It is built aside and renamed into place,
 * so a failed build leaves the previous one working.
 */
export async function ensurePreviewBuild(options: PreviewBuildOptions): Promise<'fresh' | 'built'> {
  const siteDir = options.siteDir ?? path.join(repoRoot, 'site');
  const hash = sourceHash(siteDir, ['src', 'public', 'astro.config.mjs', 'astro.preview.config.mjs', 'package.json'], [options.strapiUrl, options.siteUrl, JSON.stringify(options.env ?? {}), sourceHash(repoRoot, SITE_SHARED_SOURCES)]);
  const stamp = path.join(options.outDir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 'fresh';

  const staging = `${options.outDir}.building`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(options.outDir), { recursive: true });
  await runProcess(siteBinary(siteDir, 'astro'), ['build', '--config', 'astro.preview.config.mjs'], {
    cwd: siteDir,
    // Its own cache: the preview has no collections and must not touch the site build's content store.
    env: { ...process.env, ...options.env, STRAPI_URL: options.strapiUrl, SITE_URL: options.siteUrl, PREVIEW_OUT_DIR: staging, PREVIEW_CACHE_DIR: `${staging}.cache` },
    output: options.output ?? process.stdout,
    label: 'astro build (preview)',
  });
  await writeFile(path.join(staging, STAMP), hash);
  await rm(options.outDir, { recursive: true, force: true });
  await rename(staging, options.outDir);
  await rm(`${staging}.cache`, { recursive: true, force: true });
  return 'built';
}
