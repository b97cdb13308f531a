import { rm } from 'node:fs/promises';
import path from 'node:path';
import { KeptShards } from '../../../site/search/kept-shards.js';
import { repoRoot } from '../../lib/paths.js';
import { SITE_SHARED_SOURCES, sourceHash } from '../../lib/source-hash.js';
import { astroBuild, indexSite, prepareAstroBuild, removeAstroInternals, siteBuildEnv, type BuildSiteOptions } from '../build-site.js';
import { timedStep } from '../build-step.js';
import { precompress, upgradeVariants } from '../precompress.js';
import type { BuildContext, BuildFunction, BuildOutcome } from '../release-pipeline.js';
import { overlayRelease } from './overlay-release.js';
import { searchChanges } from './search-changes.js';
import { mappedPages, pageMapDir, pruneMaps, readSearchQuarters, readStamp, writeSearchQuarters, writeStamp } from './page-map.js';
import { planBuild } from './plan-build.js';
import { SiteRenderer } from '../renderer/site-renderer.js';
import { ReleaseStore } from '../release-store.js';
import { SpareCopy } from './spare-copy.js';

export interface SiteBuilderOptions {
  publisherDir: string;
  /** Read at every build: a test may restart its CMS on another port. */
  cms(): { strapiUrl: string; strapiToken: string };
  /** The site build's own settings (SITE_URL, MEDIA_URL, …). */
  env?: Record<string, string>;
  siteDir?: string;
  /** 24 h unless set. */
  fullBuildEveryMs?: number;
  /** MASS_REWRITE_FILES unless set. */
  massRewriteFiles?: number;
  now?: () => Date;
}

const DAY = 24 * 3600 * 1000;
/** An incremental build that writes this many files (a settings edit: every page) compresses them fast, and upgrades them once live. */
export const MASS_REWRITE_FILES = 200;
/** The log line of an incremental build that renders in the renderer started by the last full build. */
export const RENDERED_BY_RENDERER = 'site renderer: changed pages rendered from the last full build it kept';
/** The log line of one that renders without it (it ended, or could not keep Astro's state). */
export const RENDERED_WITHOUT_RENDERER = 'site renderer: none ready for these sources; astro build runs in a process of its own';

/** What decides whether a release's pages still fit the templates: the site's sources and settings. */
function siteSourceHash(siteDir: string, env: Record<string, string>): string {
  return sourceHash(siteDir, ['src', 'public', 'integrations', 'search', 'astro.config.mjs', 'package.json'], [
    JSON.stringify(env),
    sourceHash(repoRoot, ['package-lock.json', ...SITE_SHARED_SOURCES]),
  ]);
}

/**
 * The publisher's build: a full build when the change is not one the page map can follow
 * (planBuild says why), else an incremental one — the changed pages rendered by the same
 * Astro build into a side folder, moved into a hard-linked copy of the live release, the
 * pages that are gone removed, and the search index rebuilt over the result, from the
 * shard indexes kept since the last build, while Astro writes the sitemap.
 */
export function createSiteBuilder(options: SiteBuilderOptions): BuildFunction {
  const siteDir = options.siteDir ?? path.join(repoRoot, 'site');
  const env = options.env ?? {};
  let renderer: SiteRenderer | undefined;
  const spare = new SpareCopy(new ReleaseStore(options.publisherDir).stagingDir);
  const keptShards = new KeptShards();
  /** Per release: the files whose variants are at the fast level. */
  const provisional = new Map<string, string[]>();
  let upgrading: { stop: AbortController; done: Promise<void> } | undefined;

  /**
   * While the publisher is idle: the spare copy of the live release first, then its fast
   * variants brought to the final level, then the spare made again with them. A build that
   * comes meanwhile stops the upgrade and takes the first spare, fast variants and all: its
   * release carries the whole list.
   */
  async function prepare(live: { id: string; dir: string }): Promise<void> {
    for (const id of provisional.keys()) if (id !== live.id) provisional.delete(id);
    await spare.prepare(live);
    const files = provisional.get(live.id);
    if (!files?.length) return;
    const stop = new AbortController();
    const done = upgradeVariants(live.dir, files, stop.signal).then(async (left) => {
      if (left.length > 0) return;
      provisional.set(live.id, []);
      await spare.prepare(live, true);
    });
    upgrading = { stop, done };
    await done.finally(() => {
      if (upgrading?.done === done) upgrading = undefined;
    });
  }

  /** Stops the upgrade; the files the live release's spare still has at the fast level. */
  async function stopUpgrade(liveId: string): Promise<string[]> {
    upgrading?.stop.abort();
    await upgrading?.done.catch(() => undefined);
    return provisional.get(liveId) ?? [];
  }

  /** Every full build starts a renderer of its own, which then serves the incremental builds. */
  async function renderFull(outDir: string, site: BuildSiteOptions, key: string): Promise<void> {
    await renderer?.close();
    renderer = SiteRenderer.start(siteDir, key);
    await prepareAstroBuild(site);
    await renderer.render({ kind: 'full', outDir, env: siteBuildEnv(outDir, site) }, { log: site.log ?? process.stdout, signal: site.signal });
    await removeAstroInternals(outDir);
  }

  /**
   * The renderer, when it was started for these sources and settings; else (its full build
   * could not keep Astro's state, or it ended) `astro build` in a process of its own.
   */
  async function renderChanges(outDir: string, site: BuildSiteOptions, key: string, onPages: () => void): Promise<void> {
    const log = site.log ?? process.stdout;
    if (renderer?.ready && renderer.key === key) {
      log.write(`${RENDERED_BY_RENDERER}\n`);
      await renderer.render({ kind: 'incremental', outDir, env: siteBuildEnv(outDir, site) }, { log, signal: site.signal, onPages });
      return;
    }
    log.write(`${RENDERED_WITHOUT_RENDERER}\n`);
    await renderer?.close();
    renderer = undefined;
    await astroBuild(outDir, site);
  }

  const build = async (releaseDir: string, context: BuildContext): Promise<BuildOutcome> => {
    const now = (options.now ?? (() => new Date()))();
    const id = path.basename(releaseDir);
    const mapDir = pageMapDir(options.publisherDir, id);
    const hash = siteSourceHash(siteDir, env);
    const liveMapDir = context.live && pageMapDir(options.publisherDir, context.live.id);
    const liveMap = liveMapDir ? await readStamp(liveMapDir) : undefined;
    const plan = planBuild({
      triggers: context.triggers,
      clearCache: context.clearCache,
      attempt: context.attempt,
      hasLive: context.live !== undefined,
      liveMap,
      sourceHash: hash,
      now,
      fullBuildEveryMs: options.fullBuildEveryMs ?? DAY,
    });
    context.log.write(`${plan.kind} build: ${plan.reason}\n`);
    const timed = <T>(step: string, run: () => Promise<T>) => timedStep(context.log, step, run);
    const site: BuildSiteOptions = { ...options.cms(), siteDir, env, signal: context.signal, log: context.log, clearCache: context.clearCache };
    // A renderer serves the sources it was started with, against the CMS it read from.
    const key = `${hash} ${site.strapiUrl}`;
    await rm(mapDir, { recursive: true, force: true });
    const fast = context.live ? await stopUpgrade(context.live.id) : [];
    try {
      if (plan.kind === 'full' || !context.live || !liveMapDir || !liveMap) {
        await timed('astro', () => renderFull(releaseDir, { ...site, pageMap: { out: mapDir } }, key));
        const search = await timed('search index', () => indexSite(releaseDir, site, undefined, { shards: keptShards, release: id }));
        await writeSearchQuarters(mapDir, search.quarters);
        await writeStamp(mapDir, { sourceHash: hash, fullBuildAt: now.toISOString() });
        // An unchanged file takes the live release's variants, fast ones too: they are upgraded in this one.
        provisional.set(id, fast);
        return { kind: 'full', reason: plan.reason };
      }
      const partialDir = `${releaseDir}.partial`;
      const previous = await readSearchQuarters(liveMapDir);
      const live = context.live;
      await keptShards.useFor(live.id);
      try {
        // Made while the publisher was idle; when it must be made now (a restart, a rollback),
        // it is kernel work beside Astro's one busy core.
        const linked = timed('link live release', async () => context.log.write(`linked copy of the live release: ${await spare.take(live, releaseDir)}\n`));
        let pagesWritten = () => {};
        const pagesDone = new Promise<void>((resolve) => (pagesWritten = resolve));
        const built = timed('astro', () => renderChanges(partialDir, { ...site, pageMap: { out: mapDir, base: { mapDir: liveMapDir, releaseDir: live.dir } } }, key, pagesWritten));
        // The search index needs the pages, not the sitemap Astro writes after them.
        const [linkedCopy, pages] = await Promise.allSettled([linked, Promise.race([pagesDone, built])]);
        if (pages.status === 'rejected') throw pages.reason;
        if (linkedCopy.status === 'rejected') {
          await built.catch(() => undefined);
          throw linkedCopy.reason;
        }
        const [before, after] = await Promise.all([mappedPages(liveMapDir), mappedPages(mapDir)]);
        const removed = [...before].filter((page) => !after.has(page));
        const pagesIn = await timed('overlay pages', () => overlayRelease(partialDir, releaseDir, removed, 'link'));
        const rendered = pagesIn.filter((file) => path.basename(file) === 'index.html');
        const changedPages = [...(await searchChanges(releaseDir, live.dir, rendered)), ...removed];
        const searched = timed('search index', () => indexSite(releaseDir, site, previous && { previous, pages: changedPages }, { shards: keptShards, release: id }));
        // Once Astro is done, its other files move in and everything it wrote gets its
        // compressed variants while the search index is still being written.
        const astroFiles = built.then(async () => {
          const files = [...pagesIn, ...(await timed('overlay', () => overlayRelease(partialDir, releaseDir, [], 'move', new Set(pagesIn))))];
          const mass = files.length >= (options.massRewriteFiles ?? MASS_REWRITE_FILES);
          const variants = await timed('compress pages', () => precompress(releaseDir, live.dir, files, mass ? 'fast' : 'final'));
          context.log.write(`${variants} precompressed variants for ${files.length} files Astro wrote${mass ? ', at the fast level until live' : ''}\n`);
          // Linked from the live release, its fast variants came along; rewritten now, a file has new ones.
          const written = new Set(files);
          provisional.set(id, mass ? [...new Set([...fast, ...files])] : fast.filter((file) => !written.has(file)));
          return files;
        });
        const [astro, searchIndex] = await Promise.allSettled([astroFiles, searched]);
        if (astro.status === 'rejected') throw astro.reason;
        if (searchIndex.status === 'rejected') throw searchIndex.reason;
        const [written, search] = [astro.value, searchIndex.value];
        const pagesRendered = written.filter((file) => file.endsWith('.html')).length;
        context.log.write(`incremental: ${pagesRendered} pages rendered, ${removed.length} removed\n`);
        await writeSearchQuarters(mapDir, search.quarters);
        await writeStamp(mapDir, { sourceHash: hash, fullBuildAt: liveMap.fullBuildAt });
        // Without the live release's quarters the whole index was rebuilt, and the release is looked at whole.
        return { kind: 'incremental', reason: plan.reason, pagesRendered, ...(previous ? { written: search.files } : {}) };
      } finally {
        await rm(partialDir, { recursive: true, force: true });
      }
    } catch (error) {
      await rm(mapDir, { recursive: true, force: true });
      throw error;
    } finally {
      await pruneMaps(options.publisherDir, [...context.releases, id]);
    }
  };
  return Object.assign(build, {
    prepare,
    close: async () => {
      upgrading?.stop.abort();
      await Promise.all([renderer?.close(), spare.close(), keptShards.reset(), upgrading?.done.catch(() => undefined)]);
    },
  });
}
