/** `tsx search/index-cli.ts [dist]`: the search index of a site built by hand (`npm run build -w site`). */
import { buildSearchIndex } from './build-search-index.js';

const siteDir = process.argv[2] ?? 'dist';
const { quarters, written } = await buildSearchIndex(siteDir);
console.log(`search index: ${Object.keys(quarters).length} pages in ${written.length} shards (${written.join(', ')})`);
