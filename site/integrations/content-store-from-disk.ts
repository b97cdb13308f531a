import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const STORE_MODULE = '\0astro:data-layer-content';
/** Where a long-lived site renderer (scripts/publisher/renderer/) asks for the store's map. */
export const CONTENT_STORE_HOOK = 'portal.content-store';
/** Where the site's queries (src/lib/queries.ts) find the same map in a build. */
export const CONTENT_STORE_MAP = 'portal.content-store-map';

/**
 * Astro 5 hands the content store to the build's page renderer as a JavaScript module: the
 * whole data-store.json (29 MB at 10,000 articles) becomes one array literal that Rollup
 * parses into a syntax tree and V8 compiles again when the pages render — over 1 GiB of
 * memory that grows with the archive. The same module reading the file when it runs costs
 * one JSON.parse. It hands Astro a Map, which Astro's store keeps as it is: a renderer that
 * outlives the build syncs later changes into that same map. Build only: the dev server
 * watches the module to reload content.
 */
export function contentStoreFromDisk(): AstroIntegration {
  return {
    name: 'content-store-from-disk',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        const storeFile = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'content-store-from-disk',
                load: {
                  // Before Astro's own loader of the same module, which would inline the file.
                  order: 'pre',
                  handler(id) {
                    if (id !== STORE_MODULE) return undefined;
                    return [
                      `import { existsSync, readFileSync } from 'node:fs';`,
                      `import { unflatten } from 'devalue';`,
                      `const file = ${JSON.stringify(storeFile)};`,
                      `const store = existsSync(file) ? unflatten(JSON.parse(readFileSync(file, 'utf8'))) : new Map();`,
                      `globalThis[Symbol.for(${JSON.stringify(CONTENT_STORE_MAP)})] = store;`,
                      `globalThis[Symbol.for(${JSON.stringify(CONTENT_STORE_HOOK)})]?.(store);`,
                      `export default store;`,
                    ].join('\n');
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
