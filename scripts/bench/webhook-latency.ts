/**
 * `npm run bench:hooks [-- --requests 2000]`: how fast the publisher answers Strapi's
 * webhooks (target: 202 within 50 ms), over real HTTP on loopback, with a payload the size of
 * an article event and a twin for every event, as Strapi sends them. No build runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { createHooksServer } from '../publisher/hooks-server.js';
import { silentLog } from '../publisher/log.js';
import { Publisher } from '../publisher/publisher.js';
import { percentile, summary, table } from './stats.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
const requests = Number(values.requests);
const secret = 'bench-secret';
const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-hooks-bench-'));
const hour = 3_600_000;
const publisher = new Publisher({
  publisherDir: dir,
  debounceMs: hour,
  maxWaitMs: hour,
  buildTimeoutMs: hour,
  keepReleases: 5,
  log: silentLog,
  build: async () => {},
  check: async () => {},
});
await publisher.start();
const server = createHooksServer({ publisher, secret, log: silentLog });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/strapi`;

const body = (i: number, event: string, publishedAt: string | null) =>
  JSON.stringify({
    event,
    createdAt: new Date().toISOString(),
    model: CONTENT_TYPES.article.uid.split('.')[1],
    uid: CONTENT_TYPES.article.uid,
    entry: { id: i, documentId: `doc${i % 500}`, title: 'Quận ủy tổ chức hội nghị '.repeat(8), body: 'Nội dung '.repeat(400), publishedAt },
  });

const latencies: Record<string, number[]> = { 'entry.publish (queued)': [], 'entry.update of a draft (ignored)': [] };
for (let i = 0; i < requests; i += 1) {
  const [label, payload] = i % 2 ? ['entry.update of a draft (ignored)', body(i, 'entry.update', null)] : ['entry.publish (queued)', body(i, 'entry.publish', new Date().toISOString())];
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: payload });
  await response.text();
  latencies[label!]!.push(performance.now() - start);
  if (response.status !== 202) throw new Error(`unexpected ${response.status}`);
}
await new Promise((resolve) => server.close(resolve));
await publisher.stop();
rmSync(dir, { recursive: true, force: true });

const ms = (n: number) => `${n.toFixed(2)} ms`;
console.log(`\nWebhook answers, ${requests} requests over loopback, ${os.cpus().length} cores, Node ${process.version}\n`);
console.log(
  table(
    ['event', 'median', 'p99', 'max', 'under 50 ms'],
    Object.entries(latencies).map(([label, list]) => [label, ms(summary(list).median), ms(percentile(list, 0.99)), ms(summary(list).max), `${((100 * list.filter((l) => l < 50).length) / list.length).toFixed(1)} %`]),
  ),
);
