import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStrapiClient, StrapiError } from '../../site/src/loaders/strapi-client.js';

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

/** A real HTTP server scripted per attempt. */
async function server(handler: Handler) {
  let attempts = 0;
  const srv = createServer((req, res) => handler(req, res, ++attempts));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, attempts: () => attempts, close: () => {
      srv.closeAllConnections();
      srv.close();
    },
  };
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
const page = (data: unknown[], page: number, pageCount: number) => ({ data, meta: { pagination: { page, pageSize: data.length, pageCount, total: 0 } } });

let close: (() => void) | undefined;
afterEach(() => close?.());

const client = (baseUrl: string, overrides = {}) =>
  createStrapiClient({ baseUrl, token: 'tok', timeoutMs: 300, retries: 3, backoffMs: 5, ...overrides });

describe('the Strapi client of the site build', () => {
  it('retries 5xx answers with backoff, then succeeds', async () => {
    const s = await server((_req, res, attempt) => (attempt < 3 ? json(res, 503, { error: 'busy' }) : json(res, 200, { data: { ok: true } })));
    close = s.close;
    expect(await client(s.url).get('site-setting', new URLSearchParams())).toEqual({ data: { ok: true } });
    expect(s.attempts()).toBe(3);
  });

  it('does not retry a 4xx, and names the URL and status', async () => {
    const s = await server((_req, res) => json(res, 403, { error: 'Forbidden' }));
    close = s.close;
    const error = await client(s.url).get('articles', new URLSearchParams({ a: '1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrapiError);
    expect(error).toMatchObject({ status: 403, url: `${s.url}/api/articles?a=1` });
    expect(s.attempts()).toBe(1);
  });

  it('times out a hanging request and gives up after the retries', async () => {
    const s = await server(() => {});
    close = s.close;
    const error = await client(s.url, { retries: 1 }).get('articles', new URLSearchParams()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrapiError);
    expect((error as Error).message).toMatch(/unreachable/);
    expect(s.attempts()).toBe(2);
  });

  it('sends the token as a bearer header', async () => {
    let auth: string | undefined;
    const s = await server((req, res) => {
      auth = req.headers.authorization;
      json(res, 200, { data: null });
    });
    close = s.close;
    await client(s.url).get('site-setting', new URLSearchParams());
    expect(auth).toBe('Bearer tok');
  });

  it.each([
    ['one page', 1, 1],
    ['exactly 25 entries then more (the edge where public loaders loop or stop)', 3, 3],
  ])('pages through every page: %s', async (_label, pageCount, expectedRequests) => {
    const s = await server((req, res) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('pagination[page]'));
      json(res, 200, page(Array.from({ length: 25 }, (_, i) => ({ id: (n - 1) * 25 + i })), n, pageCount));
    });
    close = s.close;
    const ids: number[] = [];
    for await (const p of client(s.url).pages('articles', new URLSearchParams(), 25)) ids.push(...(p.data as Array<{ id: number }>).map((d) => d.id));
    expect(ids).toEqual(Array.from({ length: pageCount * 25 }, (_, i) => i));
    expect(s.attempts()).toBe(expectedRequests);
  });

  it('stops at the page count of the first answer, even if later pages claim more', async () => {
    const s = await server((req, res) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('pagination[page]'));
      json(res, 200, page([{ id: n }], n, n === 1 ? 2 : 99));
    });
    close = s.close;
    let pages = 0;
    for await (const _ of client(s.url).pages('articles', new URLSearchParams(), 1)) pages += 1;
    expect(pages).toBe(2);
  });

  it('refuses a list without pagination instead of looping', async () => {
    const s = await server((_req, res) => json(res, 200, { data: [] }));
    close = s.close;
    const iterate = async () => {
      for await (const _ of client(s.url).pages('articles', new URLSearchParams(), 10)) void _;
    };
    await expect(iterate()).rejects.toThrow(/without pagination/);
  });
});
