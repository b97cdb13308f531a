import { mkdtempSync, rmSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCms, type FakeCms } from '../int/publisher/support/fake-cms.js';
import { secret, waitFor } from '../int/publisher/support/harness.js';
import { startPublisherProcess, writeRelease, type PublisherProcess } from '../helpers/publisher-process.js';

const BIG = 32 * 1024 * 1024;
const HEADERS_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 4000;
const SOCKET_TIMEOUT_MS = 2000;
const MAX_CONNECTIONS = 40;

/** A download the client gives up on after its first bytes, as a closed tab does. */
function abortedDownload(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (response) => {
      response.once('data', () => {
        request.destroy();
        resolve();
      });
    });
    request.on('error', (error) => (request.destroyed ? resolve() : reject(error)));
  });
}

/** A download whose client stops reading and stays connected (its socket is left to the server). */
function stalledDownload(url: string): Promise<IncomingMessage> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false }, (response) => {
      response.pause();
      resolve(response);
    });
    request.on('error', () => {});
  });
}

/** Opens a raw connection; resolves with it and a promise of its close, with whatever the server said. */
function rawSocket(url: string): Promise<{ socket: Socket; closed: Promise<{ afterMs: number; answer: string }> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const opened = Date.now();
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('error', () => {});
      resolve({ socket, closed: new Promise((done) => socket.once('close', () => done({ afterMs: Date.now() - opened, answer }))) });
    });
    socket.once('error', reject);
  });
}

/** Writes `text` a byte at a time, `everyMs` apart, until the socket closes. */
function dribble(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/**
 * The publisher's sockets under slow and vanishing clients (issue 17, item 5): the real
 * `npm run publisher` process serving a live release with a 32 MB file, its descriptors
 * counted in /proc. The timeouts are shortened through their settings so the test runs in
 * seconds; the defaults are the same code with larger numbers.
 */
describe('publisher edge: slow, stalled and aborted clients', () => {
  let dir: string;
  let cms: FakeCms;
  let publisher: PublisherProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'edge-sockets-'));
    cms = await fakeCms();
    cms.healthy = false;
    writeRelease(dir, '20261127T221500123Z-ab12', { 'index.html': '<p>trang chủ</p>', 'tai-lieu/bao-cao.bin': Buffer.alloc(BIG, 7) });
    publisher = await startPublisherProcess({
      REBUILD_SECRET: secret,
      PUBLISHER_DIR: dir,
      STRAPI_URL: cms.url,
      STRAPI_TOKEN: cms.token,
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
      MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    });
  });

  afterAll(async () => {
    await publisher?.stop();
    await cms?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Descriptors once every connection of the earlier cases is gone (they close within the timeouts). */
  async function settledFds(limit: number): Promise<number> {
    return waitFor(() => (publisher.openFds() <= limit ? publisher.openFds() : undefined), 15_000, `descriptors back to ${limit} (now ${publisher.openFds()})`);
  }

  it('closes the file of each of 50 downloads aborted mid-way', async () => {
    await abortedDownload(`${publisher.publicUrl}/tai-lieu/bao-cao.bin`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const baseline = publisher.openFds();
    for (let i = 0; i < 50; i += 1) await abortedDownload(`${publisher.publicUrl}/tai-lieu/bao-cao.bin`);
    const after = await settledFds(baseline);
    console.log(`fds: baseline ${baseline}, after 50 aborted 32 MB downloads ${after}`);
    expect(after).toBeLessThanOrEqual(baseline);
  });

  it('drops downloads whose client stopped reading, and their files, after the socket timeout', async () => {
    const baseline = publisher.openFds();
    const stalled = await Promise.all(Array.from({ length: 10 }, () => stalledDownload(`${publisher.publicUrl}/tai-lieu/bao-cao.bin`)));
    // Each holds a socket and the open file while the client sits on it.
    expect(publisher.openFds()).toBeGreaterThanOrEqual(baseline + 10);
    const started = Date.now();
    // The clients keep their sockets: only the server's timeout can bring the count back.
    const after = await settledFds(baseline);
    console.log(`stalled downloads closed by the server after ${Date.now() - started} ms; fds ${baseline} → ${after}`);
    expect(after).toBeLessThanOrEqual(baseline);
    stalled.forEach((response) => response.destroy());
  });

  it.each([
    ['the public site', () => publisher.publicUrl, 'GET / HTTP/1.1\r\nHost: portal\r\n'],
    ['the hooks and status server', () => publisher.hooksUrl, 'GET /status HTTP/1.1\r\nHost: portal\r\n'],
  ])('disconnects a slow-loris client of %s that sends its headers a byte a second', async (_name, url, start) => {
    const { socket, closed } = await rawSocket(url());
    socket.write(start);
    dribble(socket, `X-Padding: ${'a'.repeat(200)}\r\n`, 1000);
    const { afterMs, answer } = await closed;
    console.log(`slow-loris on ${_name}: cut after ${afterMs} ms (${answer.split('\r\n')[0] || 'no answer'})`);
    // Generous: the timeout plus Node's check interval, far below "for ever".
    expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 10_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('cuts a webhook whose body arrives a byte at a time, and queues nothing from it', async () => {
    const { socket, closed } = await rawSocket(publisher.hooksUrl);
    const body = JSON.stringify({ event: 'entry.publish', model: 'article', uid: 'api::article.article', entry: { id: 1, documentId: 'slow', publishedAt: '2026-11-27T08:00:00.000Z' } });
    socket.write(`POST /hooks/strapi HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer ${secret}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    dribble(socket, body, 200);
    const { afterMs, answer } = await closed;
    console.log(`slow webhook body cut after ${afterMs} ms (${answer.split('\r\n')[0] || 'no answer'})`);
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 10_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    const status = (await (await fetch(`${publisher.hooksUrl}/status`)).json()) as { pending: unknown[] };
    expect(status.pending).toEqual([]);
  });

  it(`closes connections beyond MAX_CONNECTIONS (${MAX_CONNECTIONS}) at once, and serves again when they are gone`, async () => {
    const opened = await Promise.all(Array.from({ length: MAX_CONNECTIONS + 20 }, () => rawSocket(publisher.publicUrl)));
    const early = await Promise.all(opened.map(({ closed }) => Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500))])));
    const refused = early.filter(Boolean).length;
    console.log(`${opened.length} idle connections: ${refused} closed at once`);
    expect(refused).toBeGreaterThanOrEqual(20);
    expect(refused).toBeLessThan(opened.length);
    opened.forEach(({ socket }) => socket.destroy());
    await waitFor(async () => (await fetch(`${publisher.publicUrl}/`).catch(() => undefined))?.ok, 10_000, 'the public site to answer again');
  });
});
