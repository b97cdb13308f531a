/**
 * `npm run bench:preview [-- --articles 1000 --requests 100]`: how fast an editor's preview
 * answers (target: under 1 s), over real HTTP, with the CMS in its own process holding N
 * generated articles. Each request is a fresh signed link, rendered live from Strapi.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { previewLink } from '../../cms/src/preview/preview-url.js';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { varDir } from '../lib/paths.js';
import { ensurePreviewBuild } from '../publisher/build-preview.js';
import { silentLog } from '../publisher/log.js';
import { loadPreviewRenderer } from '../publisher/preview-renderer.js';
import { createPreviewServer } from '../publisher/preview-server.js';
import { startScratchCmsProcess } from './scratch-cms-process.js';
import { percentile, table } from './stats.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, requests: { type: 'string', default: '100' } } });
const articles = Number(values.articles);
const requests = Number(values.requests);
const secret = 'bench-preview-secret';

const cms = await startScratchCmsProcess(articles);
mkdirSync(varDir, { recursive: true });
const buildRoot = mkdtempSync(path.join(varDir, 'bench-preview-'));
try {
  const buildStart = performance.now();
  await ensurePreviewBuild({ outDir: path.join(buildRoot, 'preview-server'), strapiUrl: cms.url, siteUrl: 'http://localhost:4321', output: new PassThrough().resume() });
  const buildMs = performance.now() - buildStart;
  const renderer = await loadPreviewRenderer(path.join(buildRoot, 'preview-server'));
  const server = createPreviewServer({
    secret,
    strapiUrl: cms.url,
    previewToken: () => cms.previewToken,
    publicSiteUrl: 'http://localhost:4321',
    frameAncestors: [cms.url],
    renderer: () => renderer,
    log: silentLog,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const ids = async (endpoint: string) => {
    const body = (await (await fetch(`${cms.url}/api/${endpoint}?fields[0]=documentId&pagination[pageSize]=50`, { headers: { Authorization: `Bearer ${cms.token}` } })).json()) as {
      data: { documentId: string }[];
    };
    return body.data.map((d) => d.documentId);
  };
  const kinds: [string, string, string[]][] = [
    ['article (with officials, tasks, galleries, related)', CONTENT_TYPES.article.uid, await ids(CONTENT_TYPES.article.restPath)],
    ['photo gallery', CONTENT_TYPES.photoGallery.uid, await ids(CONTENT_TYPES.photoGallery.restPath)],
    ['key tasks of a year', CONTENT_TYPES.resolutionTask.uid, await ids(CONTENT_TYPES.resolutionTask.restPath)],
  ];

  const rows: string[][] = [];
  for (const [label, uid, documentIds] of kinds) {
    if (documentIds.length === 0) continue;
    const times: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const link = previewLink(uid, { documentId: documentIds[i % documentIds.length]!, status: 'draft' }, { baseUrl: base, secret })!;
      const start = performance.now();
      const response = await fetch(link);
      await response.text();
      times.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`${label}: ${response.status} for ${link}`);
    }
    const ms = (q: number) => `${percentile(times, q).toFixed(0)} ms`;
    rows.push([label, String(requests), ms(0.5), ms(0.95), ms(1)]);
  }
  await new Promise((resolve) => server.close(resolve));

  console.log(`\nDraft preview, ${articles} articles in the CMS, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`preview build (astro build, server output): ${(buildMs / 1000).toFixed(1)} s\n`);
  console.log(table(['page', 'requests', 'median', 'p95', 'max'], rows));
} finally {
  cms.stop();
  rmSync(buildRoot, { recursive: true, force: true });
}
