import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.js';
import { PREVIEW_IMAGE_MAX_WIDTH } from '../../scripts/publisher/preview-images.js';
import { secret, waitFor } from '../int/publisher/support/harness.js';
import { startPublisherProcess, writeRelease, type PublisherProcess } from '../helpers/publisher-process.js';

const PREVIEW_SECRET = 'preview-secret-for-the-image-test-0123456789';

/** A CMS as far as images go: two uploads and an unhealthy /_health, so no site build starts. */
async function uploadsServer(): Promise<{ url: string; close(): Promise<void> }> {
  // Noise: costly to encode, as photographs are.
  const noise = (width: number, height: number) => Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919 + ((i * i) % 251)) % 256));
  const large = await sharp(noise(1600, 1200), { raw: { width: 1600, height: 1200, channels: 3 } }).jpeg().toBuffer();
  const small = await sharp(noise(160, 120), { raw: { width: 160, height: 120, channels: 3 } }).png().toBuffer();
  const files: Record<string, [string, Buffer]> = { '/uploads/anh_hoi_nghi.jpg': ['image/jpeg', large], '/uploads/logo_nho.png': ['image/png', small] };
  const server: Server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (file) return void response.writeHead(200, { 'Content-Type': file[0], 'Content-Length': file[1].length }).end(file[1]);
    response.writeHead(request.url === '/_health' ? 503 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

/**
 * The preview's /_image endpoint under abuse (issue 17, item 2), in the real `npm run
 * publisher` process, where the public site is served too: a preview build from the site's
 * templates (under the site-build lock), the CMS's uploads from a small image server.
 */
describe('preview /_image: only what the templates ask for, a few at a time', () => {
  let uploads: Awaited<ReturnType<typeof uploadsServer>>;
  let dir: string;
  let buildRoot: string;
  let publisher: PublisherProcess;
  let previewUrl: string;

  beforeAll(async () => {
    uploads = await uploadsServer();
    dir = mkdtempSync(path.join(os.tmpdir(), 'preview-image-'));
    writeRelease(dir, '20261127T221500123Z-ab12', { 'index.html': `<p>trang chủ</p>${'<p>tin tức</p>'.repeat(2000)}` });
    mkdirSync(path.join(repoRoot, 'var'), { recursive: true });
    buildRoot = mkdtempSync(path.join(repoRoot, 'var', 'test-preview-image-'));
    publisher = await startPublisherProcess({
      REBUILD_SECRET: secret,
      PUBLISHER_DIR: dir,
      STRAPI_URL: uploads.url,
      STRAPI_TOKEN: 'unused',
      PREVIEW_SECRET,
      PREVIEW_PORT: '0',
      PREVIEW_BUILD_DIR: path.join(buildRoot, 'preview-server'),
      SITE_URL: 'http://portal.test',
    });
    const port = (await waitFor(() => /draft preview on :(\d+)/.exec(publisher.stdout()), 10_000, 'the preview to listen'))[1];
    previewUrl = `http://127.0.0.1:${port}`;
    await waitFor(() => publisher.stdout().includes('draft preview ready'), 200_000, 'the preview build');
  }, 240_000);

  afterAll(async () => {
    await publisher?.stop();
    await uploads?.close();
    rmSync(dir, { recursive: true, force: true });
    if (buildRoot) rmSync(buildRoot, { recursive: true, force: true });
  });

  const image = (query: string) => fetch(`${previewUrl}/_image?${query}`);
  const photo = () => encodeURIComponent(`${uploads.url}/uploads/anh_hoi_nghi.jpg`);
  const logo = () => encodeURIComponent(`${uploads.url}/uploads/logo_nho.png`);

  it.each([
    ['a file of the preview build (the issue: 3.4 s of CPU)', () => 'href=/favicon.svg&w=2500&f=avif', 'href'],
    ['a 6000-pixel width (the issue: 79 s of CPU)', () => `href=${photo()}&w=6000&f=avif`, 'w'],
    ['a width just over the widest the templates use', () => `href=${photo()}&w=${PREVIEW_IMAGE_MAX_WIDTH + 1}&f=webp`, 'w'],
    ['a height of 9000', () => `href=${photo()}&w=800&h=9000&f=webp`, 'h'],
    ['no width', () => `href=${photo()}&f=webp`, 'w'],
    ['a zero width', () => `href=${photo()}&w=0&f=webp`, 'w'],
    ['an exponent width', () => `href=${photo()}&w=1e3&f=webp`, 'w'],
    ['a format the templates never ask for', () => `href=${photo()}&w=800&f=tiff`, 'f'],
    ['an SVG output', () => `href=${photo()}&w=800&f=svg`, 'f'],
    ['a repeated width', () => `href=${photo()}&w=800&w=6000&f=webp`, 'w'],
    ['a fit the templates never send', () => `href=${photo()}&w=800&h=600&f=webp&fit=fill`, 'fit'],
    ['a background', () => `href=${photo()}&w=800&f=webp&background=red`, 'background'],
    ['another site’s image', () => `href=${encodeURIComponent('http://203.0.113.7/anh.jpg')}&w=800&f=webp`, 'href'],
    ['the CMS’s host with credentials', () => `href=${encodeURIComponent(uploads.url.replace('//', '//admin:x@'))}%2Fuploads%2Fanh_hoi_nghi.jpg&w=800&f=webp`, 'href'],
    ['a data: URL', () => `href=${encodeURIComponent('data:image/png;base64,iVBORw0KGgo=')}&w=800&f=webp`, 'href'],
    ['a file: URL', () => `href=${encodeURIComponent('file:///etc/passwd')}&w=800&f=webp`, 'href'],
  ])('refuses %s with a 400 naming the parameter', async (_name, query, field) => {
    const started = performance.now();
    const response = await image(query());
    const text = await response.text();
    console.log(`${_name}: ${response.status} in ${(performance.now() - started).toFixed(1)} ms`);
    expect(response.status).toBe(400);
    expect(text).toContain(`${field}:`);
  });

  it('transforms a CMS image at a template width, and never enlarges a small one', async () => {
    const resized = await image(`href=${photo()}&w=800&h=600&f=webp`);
    expect(resized.status).toBe(200);
    expect(await sharp(Buffer.from(await resized.arrayBuffer())).metadata()).toMatchObject({ format: 'webp', width: 800, height: 600 });
    const small = await image(`href=${logo()}&w=${PREVIEW_IMAGE_MAX_WIDTH}&f=png`);
    expect(small.status).toBe(200);
    expect(await sharp(Buffer.from(await small.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 160, height: 120 });
  });

  it('disconnects a slow-loris client of the preview server within the default headers timeout', async () => {
    const { hostname, port } = new URL(previewUrl);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => {});
    const opened = performance.now();
    socket.write('GET /_image HTTP/1.1\r\nHost: preview\r\n');
    const timer = setInterval(() => socket.write('X'), 1000);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(timer);
    const afterMs = performance.now() - opened;
    console.log(`slow-loris on the preview server: cut after ${afterMs.toFixed(0)} ms (${answer.split('\r\n')[0] || 'no answer'})`);
    // HEADERS_TIMEOUT_MS's default, 10 s, plus a generous margin.
    expect(afterMs).toBeLessThan(25_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('answers a flood of transforms with 200 or a quick 503, while the public site keeps answering', async () => {
    const flood = Array.from({ length: 120 }, (_, i) => {
      const started = performance.now();
      // Each a different width, so nothing is served twice; AVIF, the costliest to encode.
      return image(`href=${photo()}&w=${400 + i}&f=avif`).then(
        async (response) => {
          await response.arrayBuffer();
          return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
        },
        (error: Error) => ({ status: 0, retryAfter: error.message, ms: performance.now() - started }),
      );
    });
    let done = false;
    const all = Promise.all(flood).finally(() => (done = true));
    const publicTimes: number[] = [];
    while (!done) {
      const started = performance.now();
      const page = await fetch(`${publisher.publicUrl}/`);
      await page.text();
      expect(page.status).toBe(200);
      publicTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const answers = await all;
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 503);
    console.log(
      `flood of ${answers.length} AVIF transforms: ${ok.length} × 200 (p50 ${percentile(ok.map((a) => a.ms), 50).toFixed(0)} ms), ${busy.length} × 503 (p50 ${busy.length ? percentile(busy.map((a) => a.ms), 50).toFixed(0) : '-'} ms); ` +
        `public site during it: ${publicTimes.length} requests, p50 ${percentile(publicTimes, 50).toFixed(1)} ms, p95 ${percentile(publicTimes, 95).toFixed(1)} ms, max ${Math.max(...publicTimes).toFixed(1)} ms`,
    );
    expect(ok.length + busy.length).toBe(answers.length);
    expect(ok.length).toBeGreaterThan(0);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((a) => a.retryAfter !== null)).toBe(true);
    // Generous: a static page from disk, against transforms that take seconds each.
    expect(publicTimes.length).toBeGreaterThan(3);
    expect(percentile(publicTimes, 50)).toBeLessThan(200);
  }, 240_000);
});
