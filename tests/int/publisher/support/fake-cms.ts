import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCms {
  url: string;
  token: string;
  /** Published article slugs the CMS lists; tests change it. */
  slugs: string[];
  /** `/_health` answers 204 when true, 503 otherwise. */
  healthy: boolean;
  /** Slug → when it was last changed (published or edited): what a "changed since" listing returns. */
  changedAt: Record<string, string>;
  /** Query strings of every /api/articles request. */
  articleQueries: URLSearchParams[];
  close(): Promise<void>;
}

/** When an article was last changed, unless a test says otherwise (`changedAt`). */
const STAMP = '2026-11-27T08:00:00.000Z';

/** A real HTTP server that speaks just enough Strapi 5 REST for the release check and the health wait. */

export async function fakeCms(slugs: string[] = ['tin-mot', 'tin-hai']): Promise<FakeCms> {
  const cms: Omit<FakeCms, 'url' | 'close'> = { token: 'site-token-for-tests', slugs, healthy: true, changedAt: {}, articleQueries: [] };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://cms.invalid');
    if (url.pathname === '/_health') {
      response.writeHead(cms.healthy ? 204 : 503).end();
      return;
    }
    if (url.pathname !== '/api/articles') {
      response.writeHead(404).end();
      return;
    }
    if (request.headers.authorization !== `Bearer ${cms.token}`) {
      response.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"status":401}}');
      return;
    }
    cms.articleQueries.push(url.searchParams);
    const page = Number(url.searchParams.get('pagination[page]'));
    const pageSize = Number(url.searchParams.get('pagination[pageSize]'));
    const since = url.searchParams.get('filters[$or][0][updatedAt][$gt]');
    const stamp = (slug: string) => cms.changedAt[slug] ?? STAMP;
    const listed = since ? cms.slugs.filter((slug) => stamp(slug) > since) : cms.slugs;
    const data = listed.slice((page - 1) * pageSize, page * pageSize).map((slug, index) => ({ id: index + 1, documentId: `doc-${slug}`, slug, updatedAt: stamp(slug), publishedAt: stamp(slug) }));
    const pageCount = Math.ceil(listed.length / pageSize);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ data, meta: { pagination: { page, pageSize, pageCount, total: listed.length } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(cms, {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
