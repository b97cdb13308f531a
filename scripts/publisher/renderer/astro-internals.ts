/**
 * The parts of Astro's build the site renderer calls again after a content change. They are
 * not exported by the package; their shapes here are what Astro 5.18 (pinned ~5.18) has.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Astro's StaticBuildOptions, as far as the renderer reads and resets them. */
export interface StaticBuildOptions {
  settings: { config: { outDir: URL } };
  logger: unknown;
  pageNames: string[];
  allPages: Record<string, { route: unknown }>;
}

export interface AstroInternals {
  generatePages(options: StaticBuildOptions, internals: unknown): Promise<void>;
  /**
   * Astro's content layer over the store whose collections are `map`: `sync()` runs every
   * collection's loader into it, as a build's content sync does.
   */
  contentLayer(options: StaticBuildOptions, map: Map<string, unknown>): Promise<{ sync(): Promise<void> }>;
  runHookBuildDone(args: { settings: StaticBuildOptions['settings']; pages: string[]; routes: unknown[]; logger: unknown }): Promise<void>;
}

export async function loadAstroInternals(siteDir: string): Promise<AstroInternals> {
  const dist = path.dirname(createRequire(path.join(siteDir, 'package.json')).resolve('astro'));
  const load = (file: string) => import(pathToFileURL(path.join(dist, file)).href);
  const [generate, store, layer, hooks] = await Promise.all([
    load('core/build/generate.js'),
    load('content/mutable-data-store.js'),
    load('content/content-layer.js'),
    load('integrations/hooks.js'),
  ]);
  return {
    generatePages: generate.generatePages,
    async contentLayer(options, map) {
      const dataStore = await store.MutableDataStore.fromMap(map);
      return layer.globalContentLayer.init({ settings: options.settings, logger: options.logger, store: dataStore });
    },
    runHookBuildDone: hooks.runHookBuildDone,
  };
}
