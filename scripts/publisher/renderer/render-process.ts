/**
 * The site renderer: a process that runs one full Astro build of the site, keeps what the
 * build made (the server bundle its pages were rendered with, the content store, the build's
 * own state), and then renders changed pages on request — no new process, no bundling, no
 * reading the whole content store back from disk. Started by site-renderer.ts with site/ as
 * its working directory; requests and replies in render-protocol.ts.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_STORE_HOOK } from '../../../site/integrations/content-store-from-disk.js';
import { astroStagingDir, clearAstroStaging } from '../astro-cache.js';
import { timedStep } from '../build-step.js';
import { ASTRO_BUILD_HOOK } from './astro-build-hook.js';
import { ImagesNotInRelease } from './images-not-in-release.js';
import { loadAstroInternals, type AstroInternals, type StaticBuildOptions } from './astro-internals.js';
import { renderRequestSchema, type RenderReply, type RenderRequest } from './render-protocol.js';

register(new URL('./astro-build-hook.ts', import.meta.url));

/** Read by the site's queries (site/src/lib/queries.ts): their per-build caches end with each sync. */
const CONTENT_GENERATION = Symbol.for('portal.content-generation');

interface KeptBuild {
  options: StaticBuildOptions;
  internals: { manifestFileName?: string };
  /** The server bundle's files, relative to the staging folder. */
  serverFiles: string[];
  /** Astro deletes it once the pages are generated; every later render needs it again. */
  addStaticImage: unknown;
}

type Globals = Record<symbol, unknown> & { astroAsset?: { addStaticImage?: unknown; staticImages?: Map<string, unknown> } };
const globals = globalThis as unknown as Globals;

let kept: KeptBuild | undefined;
let contentStore: Map<string, unknown> | undefined;
let astro: AstroInternals | undefined;
/** Kept from one sync to the next, as `astro dev` keeps it. */
let contentLayer: { sync(): Promise<void> } | undefined;
let generation = 0;

globals[Symbol.for(ASTRO_BUILD_HOOK)] = (options: StaticBuildOptions, internals: KeptBuild['internals'], serverFiles: string[]) => {
  kept = { options, internals, serverFiles, addStaticImage: globals.astroAsset?.addStaticImage };
};
globals[Symbol.for(CONTENT_STORE_HOOK)] = (store: Map<string, unknown>) => {
  contentStore = store;
};

function setEnv(env: Record<string, string>): void {
  Object.assign(process.env, env);
}

/**
 * What Astro's clean-up does after a build, but for the server bundle: the staged site is
 * copied into outDir and the bundle stays where the renderer imports it from. Type
 * declarations at the top, which Astro leaves out too, stay behind.
 */
async function copyStagedSite(build: KeptBuild, stagingDir: string, outDir: string): Promise<void> {
  const server = new Set([...build.serverFiles, ...(build.internals.manifestFileName ? [build.internals.manifestFileName] : [])].flatMap((file) => [file, `${file}.map`]));
  for (const entry of await readdir(stagingDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(stagingDir, path.join(entry.parentPath, entry.name));
    if (server.has(relative) || (!relative.includes(path.sep) && relative.endsWith('.d.ts'))) continue;
    await mkdir(path.dirname(path.join(outDir, relative)), { recursive: true });
    await copyFile(path.join(stagingDir, relative), path.join(outDir, relative));
  }
}

async function fullBuild(request: RenderRequest): Promise<boolean> {
  setEnv({ ...request.env, SITE_OUT_DIR: request.outDir });
  await clearAstroStaging(process.cwd(), request.outDir);
  const { build } = await import('astro');
  await build({ root: process.cwd() });
  const staging = astroStagingDir(process.cwd(), request.outDir);
  if (kept && staging) await copyStagedSite(kept, staging, request.outDir);
  return kept !== undefined && contentStore !== undefined;
}

/** The same steps as Astro's build after bundling: content sync, pages, images, `astro:build:done`. */
async function incrementalBuild(request: RenderRequest): Promise<void> {
  if (!kept || !contentStore) throw new Error('this renderer kept no build to render from');
  const api = (astro ??= await loadAstroInternals(process.cwd()));
  const { options, internals } = kept;
  setEnv({ ...request.env, SITE_OUT_DIR: request.outDir });
  options.settings.config.outDir = pathToFileURL(`${path.resolve(request.outDir)}/`);
  options.pageNames.length = 0;
  const step = <T>(name: string, run: () => Promise<T>) => timedStep(process.stdout, `astro: ${name}`, run);
  const layer = (contentLayer ??= await api.contentLayer(options, contentStore));
  await step('content sync', () => layer.sync());
  globals[CONTENT_GENERATION] = ++generation;
  const base = process.env.SITE_BASE_RELEASE;
  globals.astroAsset = { ...globals.astroAsset, addStaticImage: kept.addStaticImage, staticImages: base ? new ImagesNotInRelease(base) : new Map() };
  await step('pages', () => api.generatePages(options, internals));
  process.send?.({ type: 'pages' } satisfies RenderReply);
  await step('build done', () =>
    api.runHookBuildDone({
      settings: options.settings,
      pages: options.pageNames,
      routes: Object.values(options.allPages).map((page) => page.route),
      logger: options.logger,
    }),
  );
}

let busy = false;

async function handle(request: RenderRequest): Promise<RenderReply> {
  if (request.kind === 'incremental') {
    await incrementalBuild(request);
    return { type: 'done', kept: true };
  }
  if (kept) throw new Error('a renderer runs one full build; the publisher starts another for the next');
  return { type: 'done', kept: await fullBuild(request) };
}

process.on('message', async (message: unknown) => {
  if (busy) {
    process.send?.({ type: 'failed', message: 'the renderer is already building' } satisfies RenderReply);
    return;
  }
  busy = true;
  let reply: RenderReply;
  try {
    reply = await handle(renderRequestSchema.parse(message));
  } catch (error) {
    reply = { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    busy = false;
  }
  process.send?.(reply);
});

// The publisher went away: so does its renderer.
process.on('disconnect', () => process.exit(0));
