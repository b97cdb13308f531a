/**
 * A scratch CMS in its own process, seeded with N generated articles: a benchmark must not
 * share an event loop with the CMS it reads from, as production never does. Prints one
 * JSON line `{url, token}` when ready; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../corpus/generate-corpus.js';
import { startScratchStrapi } from '../lib/strapi-app.js';

const articles = Number(process.argv[2] ?? 1000);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-cms-'));
const cms = await startScratchStrapi({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(scratch, 'data.db') });
const images = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'] });
const started = Date.now();
let lastReport = 0;
await generateCorpus(cms.strapi, {
  articles,
  categories: 4,
  imageIds: images.map((f: { id: number }) => f.id),
  onProgress(done, total) {
    if (Date.now() - lastReport < 2000 && done !== total) return;
    lastReport = Date.now();
    const rate = done / ((Date.now() - started) / 1000);
    process.stderr.write(`\rseeding ${done}/${total} articles, ${rate.toFixed(0)}/s, ETA ${Math.round((total - done) / rate)} s   `);
  },
});
process.stderr.write(`\nseeded ${articles} articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
console.log(JSON.stringify({ url: cms.url, token: cms.siteToken, previewToken: cms.previewToken }));

process.once('SIGTERM', async () => {
  await cms.stop();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
});
