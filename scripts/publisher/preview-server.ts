import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { SITE_PATHS } from '../../cms/src/content-model/urls.js';
import { contentType } from './content-types.js';
import type { Log } from './log.js';
import { checkImageRequest, TransformSlots } from './preview-images.js';
import { checkPreviewLink } from './preview-signature.js';
import type { PreviewRenderer } from './preview-renderer.js';

export interface PreviewServerOptions {
  secret: string;
  strapiUrl: string;
  /** Read at every request: the CMS may write its token file after the publisher started. */
  previewToken(): string;
  /** Where links in a preview lead: the live site. */
  publicSiteUrl: string;
  /** Origins allowed to show the preview in a frame: the Strapi admin. */
  frameAncestors: string[];
  /** Resolves once the preview build is loaded; undefined while it is being built. */
  renderer(): PreviewRenderer | undefined;
  log: Log;
  now?: () => Date;
  /** Origins /_image may fetch from: the CMS's uploads (default: STRAPI_URL's origin). */
  imageOrigins?: readonly string[];
  /** How many image transforms run and wait at once. */
  transforms?: TransformSlots;
}

const PAGES = SITE_PATHS.previewRoot;

const messagePage = (title: string, text: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><style>body{font:18px/1.6 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh}main{max-width:36rem;padding:1.5rem}</style></head>
<body><main><h1>${title}</h1><p>${text}</p></main></body></html>
`;

const REFUSED = {
  unsigned: messagePage('Cần liên kết xem trước', 'Trang này chỉ mở được từ nút “Xem trước” trong trang quản trị.'),
  'bad signature': messagePage('Liên kết xem trước không hợp lệ', 'Hãy mở lại bản xem trước từ trang quản trị.'),
  expired: messagePage('Liên kết xem trước đã hết hạn', 'Liên kết chỉ dùng được 15 phút. Hãy mở lại bản xem trước từ trang quản trị.'),
} as const;

/**
 * The draft preview (PREVIEW_PORT): pages under /ban-xem-truoc/ need a signed link from
 * the CMS and are rendered on request by the Astro preview build with the site's own
 * templates; its assets are public like the site's, its image endpoint transforms only
 * the CMS's images at the templates' sizes, a few at a time; any other path is
 * a link inside a preview and leads to the live site.
 */
export function createPreviewServer(options: PreviewServerOptions): Server {
  const now = options.now ?? (() => new Date());
  const pageHeaders = {
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex, nofollow',
    // The link carries its signature: it must not leak to other sites through Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': [
      "default-src 'self'",
      `img-src 'self' data: ${new URL(options.strapiUrl).origin}`,
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `frame-ancestors 'self' ${options.frameAncestors.join(' ')}`,
      "base-uri 'self'",
      "form-action 'none'",
      "object-src 'none'",
    ].join('; '),
  };

  function page(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
    response.writeHead(status, { ...pageHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)), ...headers });
    response.end(html);
  }

  async function asset(response: ServerResponse, clientDir: string, pathname: string): Promise<boolean> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    const file = path.join(clientDir, path.posix.normalize(decoded));
    if (!file.startsWith(clientDir + path.sep) || decoded.split('/').some((s) => s.startsWith('.'))) return false;
    const stats = await stat(file).catch(() => undefined);
    if (!stats?.isFile()) return false;
    response.writeHead(200, {
      'Content-Type': contentType(file),
      'Content-Length': String(stats.size),
      'Cache-Control': pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    pipeline(createReadStream(file), response, () => {});
    return true;
  }

  const imageOrigins = options.imageOrigins ?? [new URL(options.strapiUrl).origin];
  const slots = options.transforms ?? new TransformSlots();

  function plainError(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    response.end(text);
  }

  /** Only the transforms the templates ask for, a few at a time (preview-images.ts). */
  async function image(request: IncomingMessage, response: ServerResponse, url: URL, renderer: PreviewRenderer): Promise<void> {
    const check = checkImageRequest(url, imageOrigins);
    if (!check.ok) return plainError(response, 400, `Bad image request: ${check.reason}\n`);
    const slot = slots.acquire();
    if (!slot) return plainError(response, 503, 'Busy: too many image transforms\n', { 'Retry-After': '2' });
    const release = await slot;
    try {
      // A client that left while queued costs no transform.
      if (request.destroyed || response.destroyed) return;
      request.url = check.path;
      if ((await renderer.handle(request, response)) === 'no route') plainError(response, 404, 'Not Found\n');
    } finally {
      release();
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    const renderer = options.renderer();
    if (!renderer) return page(response, 503, messagePage('Bản xem trước đang khởi động', 'Vui lòng thử lại sau ít giây.'), { 'Retry-After': '5' });

    if (url.pathname.startsWith(PAGES)) {
      const check = checkPreviewLink(url, options.secret, now());
      if (!check.ok) {
        options.log(`preview ${url.pathname} refused: ${check.reason}`);
        return page(response, 401, REFUSED[check.reason]);
      }
      // Astro routes exactly the path that was checked, however the client spelled it.
      request.url = url.pathname + url.search;
      for (const [name, value] of Object.entries(pageHeaders)) response.setHeader(name, value);
      const locals = { preview: { strapiUrl: options.strapiUrl, token: options.previewToken(), status: check.status } };
      if ((await renderer.handle(request, response, locals)) === 'no route') page(response, 404, messagePage('Không có bản xem trước', 'Loại nội dung này chưa có bản xem trước.'));
      return;
    }
    if (url.pathname === '/_image') return image(request, response, url, renderer);
    if (await asset(response, renderer.clientDir, url.pathname)) return;
    response.writeHead(302, { Location: new URL(url.pathname + url.search, options.publicSiteUrl).href, 'Cache-Control': 'no-store' }).end();
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      options.log(`preview ${request.url?.split('?')[0]}: ${error.message}`);
      if (!response.headersSent) page(response, 500, messagePage('Không hiển thị được bản xem trước', 'Hãy thử lại; nếu vẫn lỗi, báo cho quản trị viên.'));
      else response.destroy();
    });
  });
}

/** The admin at http://localhost:1337 is the CMS at http://127.0.0.1:1337: a frame must allow both names. */
export function withLoopbackTwins(origins: string[]): string[] {
  const twins = origins.flatMap((origin) => {
    const url = new URL(origin);
    if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
    else if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
    else return [];
    return [url.origin];
  });
  return [...new Set([...origins, ...twins])];
}
