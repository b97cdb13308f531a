/**
 * What the version history costs: the median time of a Document Service save and publish with
 * versions on and off (HISTORY_ENABLED, read at each write, flipped between rounds), and the
 * table's size after N generated articles with E edits each. Prints tables; `--out` writes them
 * as Markdown.
 *
 *   npm run bench:history -- [--articles 1000] [--edits 5] [--rounds 60] [--client sqlite|postgres] [--out file.md]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { UID } from '@strapi/strapi';
import { runAs } from '../../cms/src/audit/audit-actor.js';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { VERSION_TABLE } from '../../cms/src/history/version-table.js';
import { generateCorpus } from '../corpus/generate-corpus.js';
import { pauseWebhooks } from '../lib/pause-webhooks.js';
import { progressBar } from '../lib/progress.js';
import { startScratchStrapi } from '../lib/strapi-app.js';
import { summary, table } from './stats.js';

const ARTICLE = CONTENT_TYPES.article.uid as UID.ContentType;
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    edits: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '60' },
    client: { type: 'string', default: 'sqlite' },
    out: { type: 'string' },
  },
});
const options = z
  .object({
    articles: z.coerce.number().int().min(1),
    edits: z.coerce.number().int().min(0),
    rounds: z.coerce.number().int().min(1),
    client: z.enum(['sqlite', 'postgres']),
    out: z.string().optional(),
  })
  .parse(values);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-history-'));
const databaseName = `portal_bench_history_${process.pid}`;
const database: Record<string, string> =
  options.client === 'sqlite'
    ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(scratch, 'data.db') }
    : { DATABASE_CLIENT: 'postgres', DATABASE_NAME: databaseName };
if (options.client === 'postgres') {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ host: process.env.DATABASE_HOST ?? '127.0.0.1', user: process.env.DATABASE_USERNAME ?? 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
}
process.env.HISTORY_ENABLED = 'true';
const cms = await startScratchStrapi(database);
const knex = cms.strapi.db.connection;
const documents = cms.strapi.documents(ARTICLE);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One write, timed; versions on or off for it alone. */
async function timed(history: boolean, write: () => Promise<unknown>): Promise<number> {
  process.env.HISTORY_ENABLED = String(history);
  const started = performance.now();
  await write();
  const took = performance.now() - started;
  process.env.HISTORY_ENABLED = 'true';
  return took;
}

// Cost per save: the same article saved as a draft and published, on and off taking turns so drift hits both alike.
const probe = (await documents.findFirst({ status: 'published', fields: ['documentId', 'lead'] }))!;
const costs = { save: { on: [] as number[], off: [] as number[] }, publish: { on: [] as number[], off: [] as number[] } };
const webhooks = pauseWebhooks(cms.strapi);
await runAs('script', async () => {
  for (let round = 0; round < options.rounds; round++) {
    for (const history of round % 2 ? [true, false] : [false, true]) {
      const key = history ? 'on' : 'off';
      costs.save[key].push(await timed(history, () => documents.update({ documentId: probe.documentId, data: { lead: `Sa-pô đo lần ${round} ${key}` } as never })));
      costs.publish[key].push(await timed(history, () => documents.publish({ documentId: probe.documentId })));
    }
  }
});
const costRows = (['save', 'publish'] as const).map((what) => {
  const on = summary(costs[what].on).median;
  const off = summary(costs[what].off).median;
  return [what === 'save' ? 'draft save (update)' : 'publish', ms(off), ms(on), `${ms(on - off)} (${Math.round(((on - off) / off) * 100)} %)`];
});
const costTable = table(['write', 'p50, versions off', 'p50, versions on', 'a version adds'], costRows);
console.log(`\nCost per write, ${options.client}, ${options.rounds} rounds each:\n${costTable}`);

// Storage: the corpus, then E edits of each article, every write a version.
await knex(VERSION_TABLE).delete();
const images = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } });
const started = performance.now();
const corpus = await runAs('script', () =>
  generateCorpus(cms.strapi, { articles: options.articles, categories: 4, imageIds: images.map((f: { id: number }) => f.id), onProgress: progressBar('articles', options.articles) }),
);
const corpusSeconds = (performance.now() - started) / 1000;
const ids = (await knex(VERSION_TABLE).where({ content_type: ARTICLE }).distinct('document_id')).map((row: { document_id: string }) => row.document_id);
const editStarted = performance.now();
const editBar = progressBar('edits', ids.length * options.edits);
await runAs('script', async () => {
  let done = 0;
  for (let edit = 1; edit <= options.edits; edit++) {
    for (const documentId of ids) {
      await documents.update({ documentId, data: { lead: `Sa-pô chỉnh sửa lần ${edit}: cập nhật thông tin mới nhất cho bạn đọc.` } as never });
      editBar(++done);
    }
  }
});
const editSeconds = (performance.now() - editStarted) / 1000;
await webhooks.resume();

const [counted] = await knex(VERSION_TABLE).where({ content_type: ARTICLE }).count({ versions: '*' }).sum({ bytes: 'bytes' });
const versions = Number(counted?.versions ?? 0);
const dataBytes = Number(counted?.bytes ?? 0);
/** The table with its index as the database stores it: pages on SQLite (dbstat), the relation on PostgreSQL. */
async function tableBytes(): Promise<number | null> {
  if (options.client === 'postgres') return Number((await knex.raw(`SELECT pg_total_relation_size('${VERSION_TABLE}') AS size`)).rows[0].size);
  try {
    const rows = await knex.raw(`SELECT SUM(pgsize) AS size FROM dbstat WHERE name = '${VERSION_TABLE}' OR name LIKE '${VERSION_TABLE}_%'`);
    return Number(rows[0].size);
  } catch {
    return null;
  }
}
const onDisk = await tableBytes();
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const storageTable = table(
  ['articles', 'edits each', 'article versions', 'JSON bytes / version', 'JSON total', 'table + index on disk', 'on disk / version', 'corpus load', 'edits'],
  [[
    String(corpus.articles.length),
    String(options.edits),
    String(versions),
    kib(dataBytes / versions),
    mib(dataBytes),
    onDisk === null ? 'n/a' : mib(onDisk),
    onDisk === null ? 'n/a' : kib(onDisk / versions),
    `${corpusSeconds.toFixed(0)} s`,
    `${editSeconds.toFixed(0)} s`,
  ]],
);
console.log(`\nStorage, ${options.client}:\n${storageTable}`);
if (options.out) writeFileSync(options.out, `## ${options.client}, ${options.articles} articles × ${options.edits} edits\n\n${costTable}\n\n${storageTable}\n`);

await cms.stop();
rmSync(scratch, { recursive: true, force: true });
if (options.client === 'postgres') {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ host: process.env.DATABASE_HOST ?? '127.0.0.1', user: process.env.DATABASE_USERNAME ?? 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName}`);
  await admin.end();
}
process.exit(0);
