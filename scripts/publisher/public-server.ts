import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { negotiateEncoding, type Encoding } from './accept-encoding.js';
import { ENGAGEMENT_PREFIX, proxyToEngagement } from './engagement-proxy.js';
import { cacheControl } from './cache-control.js';
import { contentType } from './content-types.js';
import { redactUrl, type Log } from './log.js';
import { compressibleExtensions } from './precompress.js';
import { ReleaseFileCache } from './release-file-cache.js';
import { isWithdrawnPath, readReleaseRedirects, RedirectTable, type ReleaseRedirectRule } from './release-redirects.js';
import { securityHeaders } from './security-headers.js';
import { unavailablePage } from './unavailable-page.js';

export interface PublicServerOptions {
  publisherDir: string;
  /** CMS origins pages may show images from (CSP img-src). */
  imageOrigins: readonly string[];
  /** The engagement service /tuong-tac/ is passed to; without it those paths are the site's. */
  engagementUrl?: string;
  log: Log;
}

const suffixes: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/** Releases whose redirect rules are kept in memory: the live one and the few a rollback may return to. */
const KEPT_TABLES = 4;

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * The public site on PUBLIC_PORT, from the release `current` points at. The link is
 * resolved once per request and every file of the answer is read under that resolved
 * directory, so a swap mid-request never mixes two releases.
 */
export function createPublicServer(options: PublicServerOptions): Server {
  const currentLink = path.join(options.publisherDir, 'current');
  const security = securityHeaders(options.imageOrigins);
  const files = new ReleaseFileCache();
  const fileStats = (file: string) => files.stat(file);

  function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    response.writeHead(status, { ...security, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    response.end(text);
  }

  /** Each release's rules, read once: they belong to the release, so a swap or a rollback brings its own. */
  const tables = new Map<string, Promise<RedirectTable>>();
  function redirectsOf(root: string): Promise<RedirectTable> {
    let table = tables.get(root);
    if (!table) {
      // A release whose file is not what the site writes serves no redirects, and its pages as before.
      table = readReleaseRedirects(root).then(
        (file) => new RedirectTable(file),
        (error: Error) => {
          options.log(`public: ${path.basename(root)}: redirects ignored: ${error.message}`);
          return new RedirectTable({ version: 1, rules: [] });
        },
      );
      tables.set(root, table);
      while (tables.size > KEPT_TABLES) tables.delete(tables.keys().next().value!);
    }
    return table;
  }

  async function redirect(request: IncomingMessage, response: ServerResponse, root: string, rule: ReleaseRedirectRule, query: string): Promise<void> {
    if (rule.code === 410) {
      const page = path.join(root, rule.page);
      if ((await fileStats(page))?.isFile()) return sendFile(request, response, root, page, 410, { 'X-Robots-Tag': 'noindex' });
      return plain(response, 410, 'Nội dung đã được gỡ.', { 'X-Robots-Tag': 'noindex' });
    }
    // A path keeps the request's query, as a moved page would have read it; another site's address is sent as given.
    const location = rule.to.startsWith('/') ? `${rule.to}${query}` : rule.to;
    // Revalidated: the rules belong to a release, and a later one may give the address back to a page.
    response.writeHead(rule.code, { ...security, Location: location, 'Cache-Control': 'no-cache', 'Content-Length': '0' });
    response.end();
  }

  async function sendFile(
    request: IncomingMessage,
    response: ServerResponse,
    root: string,
    file: string,
    status: 200 | 404 | 410,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const compressible = compressibleExtensions.has(path.extname(file).toLowerCase());
    let served = file;
    let encoding: Encoding | undefined;
    if (compressible) {
      // A variant's absence is remembered too: there are no more variants than the release has files.
      const variants = await Promise.all((['br', 'gzip'] as const).map(async (e) => ((await files.stat(file + suffixes[e], true))?.isFile() ? e : undefined)));
      encoding = negotiateEncoding(request.headers['accept-encoding'], variants.filter((e) => e !== undefined));
      if (encoding) served = file + suffixes[encoding];
    }
    const stats = await fileStats(served);
    if (!stats) throw new Error(`${served}: gone while answering`);
    const etag = `"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string> = {
      ...security,
      'Content-Type': contentType(file),
      'Cache-Control': status === 200 ? cacheControl(`/${path.relative(root, file).split(path.sep).join('/')}`) : 'no-cache',
      ETag: etag,
      'Last-Modified': stats.mtime.toUTCString(),
      ...extra,
    };
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (encoding) headers['Content-Encoding'] = encoding;

    if (status === 200 && matchesEtag(request.headers['if-none-match'], etag)) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    // Read before the head is written, so a file gone meanwhile (a pruned release) is still a clean 500.
    const body = request.method === 'HEAD' ? undefined : await files.body(served);
    response.writeHead(status, { ...headers, 'Content-Length': String(body?.length ?? stats.size) });
    if (request.method === 'HEAD' || body) {
      response.end(body);
      return;
    }
    // pipeline, not pipe: a client that goes away mid-download destroys the file stream too,
    // which closes its descriptor.
    pipeline(createReadStream(served), response, () => {});
  }

  async function notFound(request: IncomingMessage, response: ServerResponse, root: string): Promise<void> {
    const page = path.join(root, '404.html');
    if ((await fileStats(page))?.isFile()) return sendFile(request, response, root, page, 404);
    plain(response, 404, 'Không tìm thấy trang.');
  }

  const engagement = options.engagementUrl ? new URL(options.engagementUrl) : undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (engagement && request.url?.startsWith(ENGAGEMENT_PREFIX)) {
      return proxyToEngagement(engagement, request, response, (error) => options.log(`public: engagement: ${error.message}`));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
    const query = queryStart === -1 ? '' : target.slice(queryStart);
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return plain(response, 400, 'Bad Request');
    }
    const segments = decoded.split('/');
    // `..` never comes from a browser (it resolves them first); nothing outside the release is served.
    if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\') || segments.includes('..')) {
      return plain(response, 400, 'Bad Request');
    }

    let root: string;
    try {
      root = await realpath(currentLink);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      response.writeHead(503, {
        ...security,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(unavailablePage)),
        'Cache-Control': 'no-store',
        'Retry-After': '60',
      });
      response.end(unavailablePage);
      return;
    }

    // Dotfiles are never part of a page (`.well-known` is the one convention that is).
    if (segments.some((s) => s.startsWith('.') && s !== '.well-known')) return notFound(request, response, root);
    // A withdrawn page is the body of its old address's 410, never a page of its own.
    if (isWithdrawnPath(decoded)) return notFound(request, response, root);
    const rule = (await redirectsOf(root)).match(rawPath);
    if (rule) return redirect(request, response, root, rule, query);
    const normalized = path.posix.normalize(decoded);
    const file = path.join(root, normalized);
    let stats = await fileStats(file);
    if (stats?.isDirectory()) {
      if (!normalized.endsWith('/')) {
        response.writeHead(301, { ...security, Location: `${normalized.split('/').map(encodeURIComponent).join('/')}/${query}`, 'Cache-Control': 'no-cache' });
        response.end();
        return;
      }
      stats = await fileStats(path.join(file, 'index.html'));
      if (stats?.isFile()) return sendFile(request, response, root, path.join(file, 'index.html'), 200);
      return notFound(request, response, root);
    }
    if (!stats?.isFile()) return notFound(request, response, root);
    return sendFile(request, response, root, file, 200);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      options.log(`public ${request.method} ${redactUrl(request.url)}: ${error.message}`);
      if (!response.headersSent) plain(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
}
