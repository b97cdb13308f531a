/**
 * A scratch CMS in its own process, seeded with N generated articles (and D Văn bản, default 0): a benchmark must not
 * share an event loop with the CMS it reads from, as production never does. Prints one
 * JSON line `{url, token}` when ready; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../corpus/generate-corpus.js';
import { pauseWebhooks } from '../lib/pause-webhooks.js';
import { progressBar } from '../lib/progress.js';
import { startScratchStrapi } from '../lib/strapi-app.js';

const articles = Number(process.argv[2] ?? 1000);
const documents = Number(process.argv[3] ?? 0);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-cms-'));
// A benchmark of publish-to-live passes where the webhook goes.
const webhook = Object.fromEntries(['REBUILD_SECRET', 'PUBLISHER_HOOK_URL'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
const cms = await startScratchStrapi({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(scratch, 'data.db'), ...webhook });
// Photos only: the sample Văn bản put PDFs and DOCX files in the media library too.
const images = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } });
const webhooks = pauseWebhooks(cms.strapi);
await generateCorpus(cms.strapi, {
  articles,
  categories: 4,
  imageIds: images.map((f: { id: number }) => f.id),
  onProgress: progressBar('seeding articles', articles),
  documents,
  ...(documents ? { onDocumentsProgress: progressBar('seeding documents', documents) } : {}),
});
await webhooks.resume();
const write = await cms.strapi.service('admin::api-token').create({ name: 'bench-writes', type: 'full-access', lifespan: null });
console.log(JSON.stringify({ url: cms.url, token: cms.siteToken, previewToken: cms.previewToken, writeToken: write.accessKey }));

process.once('SIGTERM', async () => {
  await cms.stop();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
});
