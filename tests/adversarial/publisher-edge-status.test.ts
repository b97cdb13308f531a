import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublisherStatus } from '../../scripts/publisher/publisher.js';
import { HIDDEN_ERROR } from '../../scripts/publisher/status-detail.js';
import { fakeCms, type FakeCms } from '../int/publisher/support/fake-cms.js';
import { secret, strapiEvent, waitFor } from '../int/publisher/support/harness.js';
import { startPublisherProcess, writeRelease, type PublisherProcess } from '../helpers/publisher-process.js';

const DOCUMENT_ID = 'bai-nhap-mat-9x2k';

/** This machine's first address that is not loopback: how another host reaches the publisher. */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/**
 * The status's detail (issue 17, item 5): the real publisher process, listening on every
 * interface, has a failed build behind it (a real failure: the site token file is missing)
 * and the event that caused it, an article's documentId, waiting for its retry. Asked from
 * another address, or through a proxy (X-Forwarded-For, as nginx sends), it tells states
 * and times; the REBUILD_SECRET bearer or a request on this machine gets the detail.
 */
describe('publisher edge: what the status tells whom', () => {
  let dir: string;
  let cms: FakeCms;
  let publisher: PublisherProcess;
  let port: string;
  let error: string;
  const outside = outsideAddress();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'edge-status-'));
    cms = await fakeCms();
    cms.healthy = false;
    writeRelease(dir, '20261127T221500123Z-ab12', { 'index.html': '<p>trang chủ</p>' });
    publisher = await startPublisherProcess({
      REBUILD_SECRET: secret,
      PUBLISHER_DIR: dir,
      PUBLISHER_HOST: '0.0.0.0',
      STRAPI_URL: cms.url,
      SITE_TOKEN_FILE: path.join(dir, 'no-such-token-file'),
      DEBOUNCE_MS: '50',
      MAX_WAIT_MS: '1000',
    });
    port = new URL(publisher.hooksUrl).port;
    const hook = await fetch(`${publisher.hooksUrl}/hooks/strapi`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(strapiEvent('entry.publish', 'article', { id: 7, documentId: DOCUMENT_ID, publishedAt: '2026-11-27T08:00:00.000Z' })),
    });
    expect(hook.status).toBe(202);
    const failed = await waitFor(
      async () => {
        const s = (await (await fetch(`${publisher.hooksUrl}/status`)).json()) as PublisherStatus;
        return s.history[0] && !s.history[0].ok ? s.history[0] : undefined;
      },
      30_000,
      'the failed build',
    );
    error = failed.error!;
    expect(error).toContain('no-such-token-file');
  });

  afterAll(async () => {
    await publisher?.stop();
    await cms?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (host: string, pathname: string, headers: Record<string, string> = {}) => fetch(`http://${host}:${port}${pathname}`, { headers });

  /** Whether a body shows any of the detail. */
  const detailIn = (text: string) => ({
    documentId: text.includes(DOCUMENT_ID),
    error: text.includes(error) || text.includes('no-such-token-file'),
    logPath: /publisher\/logs\//.test(text),
    event: text.includes('entry.publish'),
  });
  const none = { documentId: false, error: false, logPath: false, event: false };
  const all = { documentId: true, error: true, logPath: true, event: true };

  it.each([
    ['another host', () => outside, {}, none],
    ['another host, with a wrong bearer', () => outside, { Authorization: 'Bearer guess' }, none],
    ['a proxy on this machine (X-Forwarded-For)', () => '127.0.0.1', { 'X-Forwarded-For': '203.0.113.9' }, none],
    ['a proxy on this machine (Forwarded)', () => '127.0.0.1', { Forwarded: 'for=203.0.113.9' }, none],
    ['a proxy on this machine (X-Real-IP)', () => '127.0.0.1', { 'X-Real-IP': '203.0.113.9' }, none],
    ['another host with the REBUILD_SECRET bearer', () => outside, { Authorization: `Bearer ${secret}` }, all],
    ['this machine, directly', () => '127.0.0.1', {}, all],
  ])('GET /status from %s', async (_name, host, headers, expected) => {
    if (!host()) return console.log('no address other than loopback here: the outside cases are covered by the proxy ones');
    const response = await get(host()!, '/status', headers);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(detailIn(text)).toEqual(expected);
    // The public part still says what happened and when.
    const status = JSON.parse(text) as PublisherStatus;
    expect(status.current).toBe('20261127T221500123Z-ab12');
    expect(status.history[0]).toMatchObject({ ok: false, startedAt: expect.any(String), durationMs: expect.any(Number) });
    if (expected === none) expect(status.history[0]!.error).toBe(HIDDEN_ERROR);
  });

  it.each([
    ['another host', () => outside, {}, none],
    ['a proxy on this machine (X-Forwarded-For)', () => '127.0.0.1', { 'X-Forwarded-For': '203.0.113.9' }, none],
    ['this machine, directly', () => '127.0.0.1', {}, { ...all, event: false }],
  ])('the status page from %s', async (_name, host, headers, expected) => {
    if (!host()) return;
    const response = await get(host()!, '/', headers);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Thất bại');
    expect(detailIn(html)).toEqual(expected);
  });
});
