/**
 * `npm run corpus -- --articles 10000 [--documents 1000] [--seed 42] [--prefix tin]`: loads a
 * deterministic corpus of district news (and Văn bản) into the CMS's database (DATABASE_* from .env) through the
 * Document Service, in batches, with a progress bar and ETA. Its writes send no webhooks
 * (ten thousand articles would queue as many rebuilds); one rebuild is asked for at the end.
 */
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.js';
import { pauseWebhooks } from '../lib/pause-webhooks.js';
import { progressBar } from '../lib/progress.js';
import { runAs } from '../../cms/src/audit/audit-actor.js';
import { loadStrapi, stopStrapi } from '../lib/strapi-app.js';
import { rebuildCliConfig } from '../publisher/config.js';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, seed: { type: 'string', default: '42' }, prefix: { type: 'string', default: 'tin' }, documents: { type: 'string', default: '0' } },
});
const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 1) throw new Error(`--articles must be a positive whole number, not ${values.articles}`);
const documents = Number(values.documents);
if (!Number.isInteger(documents) || documents < 0) throw new Error(`--documents must be a whole number, not ${values.documents}`);

process.env.SEED = 'false';
const strapi = await loadStrapi();
try {
  pauseWebhooks(strapi);
  const images = await strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } });
  if (images.length === 0) throw new Error('The media library has no image to use as covers and photos: start the CMS once (it imports the sample photos).');
  const corpus = await runAs('script', () => generateCorpus(strapi, {
    articles,
    seed: Number(values.seed),
    prefix: values.prefix,
    categories: 4,
    imageIds: images.map((f: { id: number }) => f.id),
    onProgress: progressBar('articles', articles),
    documents,
    ...(documents ? { onDocumentsProgress: progressBar('documents', documents) } : {}),
  }));
  console.log(`Loaded ${corpus.articles.length} articles, ${corpus.documents.length} documents, ${corpus.people.length} officials, ${corpus.categories.length} categories.`);
} finally {
  await stopStrapi(strapi);
}

try {
  const { secret, publisherUrl } = rebuildCliConfig();
  const answer = await fetch(`${publisherUrl}/hooks/deploy?source=cli`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
  console.log(answer.ok ? `Asked the publisher (${publisherUrl}) for one rebuild.` : `The publisher answered ${answer.status}; run npm run rebuild.`);
} catch {
  console.log('The publisher is not running: the site is rebuilt when it starts (or run npm run rebuild).');
}
