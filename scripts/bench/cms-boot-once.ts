/**
 * One measured boot of the CMS, in a fresh process: the database named by the environment,
 * the first-boot sample import included. Prints one JSON line; used by cms-boot.ts.
 */
import { performance } from 'node:perf_hooks';
import { startScratchStrapi } from '../lib/strapi-app.js';

const started = performance.now();
const cms = await startScratchStrapi({});
const bootMs = performance.now() - started;
const marker = await cms.strapi.store({ type: 'core', name: 'portal', key: 'sample-content-imported' }).get({});
// Let the garbage collector and the pool settle before reading memory "at rest".
await new Promise((resolve) => setTimeout(resolve, 3000));
const rssAtRest = process.memoryUsage().rss;
await cms.stop();
console.log(JSON.stringify({ bootMs, imported: Boolean(marker), rssAtRest }));
