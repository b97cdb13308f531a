import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const STORE_MODULE = '\0astro:data-layer-content';

/**
 * Astro 5 hands the content store to the build's page renderer as a JavaScript module: the
 * whole data-store.json (29 MB at 10,000 articles) becomes one array literal that Rollup
 * parses into a syntax tree and V8 compiles again when the pages render — over 1 GiB of
 * memory that grows with the archive. The same module reading the file when it runs costs
 * one JSON.parse. Build only: the dev server watches the module to reload content.
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
                      `const file = ${JSON.stringify(storeFile)};`,
                      `export default existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : new Map();`,
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
