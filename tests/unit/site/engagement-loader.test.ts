import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementLoader, SITE_DATA_ID } from '../../../site/src/loaders/engagement-loader.js';

/** A CMS that answers the site-data route with `answer` (a status and a body). */
let answer: { status: number; body: unknown } = { status: 404, body: {} };
let server: Server;
let baseUrl: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(`${request.url} ${request.headers.authorization}`);
    response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function load() {
  const stored = new Map<string, unknown>();
  const logs: string[] = [];
  const context = {
    parseData: async ({ data }: { data: unknown }) => data,
    generateDigest: (data: unknown) => JSON.stringify(data),
    store: { set: ({ id, data }: { id: string; data: unknown }) => (stored.set(id, data), true) },
    logger: { info: (line: string) => logs.push(`info ${line}`), warn: (line: string) => logs.push(`warn ${line}`) },
  } as unknown as LoaderContext;
  const loader = engagementLoader({ env: () => ({ baseUrl, token: 'site-token', pageSize: 10, timeoutMs: 2000, retries: 0, backoffMs: 1 }) });
  await loader.load(context);
  return { data: stored.get(SITE_DATA_ID), logs };
}

describe('the engagement loader', () => {
  it('asks GET /api/engagement/site-data with the site token', async () => {
    answer = { status: 200, body: { viewCounts: { 'article:a': 826 }, mostRead: [{ documentId: 'a', views: 9 }], ratings: [] } };
    const { data, logs } = await load();
    expect(asked.at(-1)).toBe('/api/engagement/site-data Bearer site-token');
    expect(data).toEqual({ available: true, viewCounts: { 'article:a': 826 }, mostRead: [{ documentId: 'a', views: 9 }], ratings: [] });
    expect(logs).toEqual(['info engagement: 1 view counts, 1 most read, 0 rating months']);
  });

  it('keeps the site building on a CMS without the route (404), saying so once', async () => {
    answer = { status: 404, body: { error: { status: 404 } } };
    const { data, logs } = await load();
    expect(data).toEqual({ available: false, viewCounts: {}, mostRead: [], ratings: [] });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^warn engagement: the CMS has no \/api\/engagement\/site-data \(404\)/);
  });

  it('fails the build on a refusal or a bad answer, naming what', async () => {
    answer = { status: 403, body: { error: { status: 403 } } };
    await expect(load()).rejects.toThrow(/403/);
    answer = { status: 200, body: { viewCounts: { 'article:a': 'many' } } };
    await expect(load()).rejects.toThrow(/viewCounts\.article:a/);
  });
});
