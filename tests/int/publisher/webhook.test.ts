import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHooksServer } from '../../../scripts/publisher/hooks-server.js';
import { secret, startPublisher, strapiEvent, type TestPublisher } from './support/harness.js';

const auth = { Authorization: `Bearer ${secret}` };
const article = (event: string, entry: Record<string, unknown> | null) => strapiEvent(event, 'article', entry);
const published = { publishedAt: '2026-11-27T08:00:00.000Z' };

interface Case {
  name: string;
  requests: { body: unknown; headers?: Record<string, string> }[];
  status: number;
  queued: boolean;
  /** Events waiting for a build afterwards. */
  pending: number;
}

const cases: Case[] = [
  { name: 'no Authorization header', requests: [{ body: article('entry.publish', { id: 1, documentId: 'd1', ...published }), headers: {} }], status: 401, queued: false, pending: 0 },
  { name: 'wrong secret', requests: [{ body: article('entry.publish', { id: 1, documentId: 'd1', ...published }), headers: { Authorization: 'Bearer nope' } }], status: 401, queued: false, pending: 0 },
  { name: 'secret without the Bearer scheme', requests: [{ body: article('entry.publish', { id: 1, documentId: 'd1', ...published }), headers: { Authorization: secret } }], status: 401, queued: false, pending: 0 },
  { name: 'body over 1 MiB', requests: [{ body: { ...article('entry.publish', { id: 1, documentId: 'd1', ...published }), pad: 'x'.repeat(1024 * 1024) } }], status: 413, queued: false, pending: 0 },
  { name: 'junk that is not JSON', requests: [{ body: 'event=entry.publish&<html>' }], status: 400, queued: false, pending: 0 },
  { name: 'JSON that is not a Strapi event', requests: [{ body: { hello: 'world' } }], status: 400, queued: false, pending: 0 },
  { name: 'an event with an unreadable createdAt', requests: [{ body: { ...article('entry.publish', null), createdAt: 'hôm qua' } }], status: 400, queued: false, pending: 0 },
  { name: 'draft save (entry.update, publishedAt null)', requests: [{ body: article('entry.update', { id: 7, documentId: 'd1', publishedAt: null }) }], status: 202, queued: false, pending: 0 },
  { name: 'new gallery draft (entry.create, publishedAt null)', requests: [{ body: strapiEvent('entry.create', 'photo-gallery', { id: 3, documentId: 'g1', publishedAt: null }) }], status: 202, queued: false, pending: 0 },
  { name: 'publish', requests: [{ body: article('entry.publish', { id: 8, documentId: 'd1', ...published }) }], status: 202, queued: true, pending: 1 },
  { name: 'publish with entry null', requests: [{ body: article('entry.publish', null) }], status: 202, queued: true, pending: 1 },
  {
    name: 'twin publish events of one document count once',
    requests: [{ body: article('entry.publish', { id: 8, documentId: 'd1', locale: 'vi', ...published }) }, { body: article('entry.publish', { id: 9, documentId: 'd1', locale: 'en', ...published }) }],
    status: 202,
    queued: true,
    pending: 1,
  },
  {
    name: 'the same event for two documents counts twice',
    requests: [{ body: article('entry.publish', { id: 8, documentId: 'd1', ...published }) }, { body: article('entry.publish', { id: 9, documentId: 'd2', ...published }) }],
    status: 202,
    queued: true,
    pending: 2,
  },
  { name: 'an upload (media.create)', requests: [{ body: { event: 'media.create', createdAt: new Date().toISOString(), media: { id: 4, name: 'anh.jpg' } } }], status: 202, queued: false, pending: 0 },
  { name: 'a replaced file (media.update)', requests: [{ body: { event: 'media.update', createdAt: new Date().toISOString(), media: { id: 4, name: 'anh.jpg' } } }], status: 202, queued: true, pending: 1 },
  { name: 'update of a type without drafts (attendee)', requests: [{ body: strapiEvent('entry.update', 'attendee', { id: 2, documentId: 'p1', ...published }) }], status: 202, queued: true, pending: 1 },
  { name: 'single type without drafts (site-setting)', requests: [{ body: strapiEvent('entry.update', 'site-setting', { id: 1, documentId: 's1', ...published }) }], status: 202, queued: true, pending: 1 },
  { name: 'unpublish', requests: [{ body: article('entry.unpublish', { id: 8, documentId: 'd1', ...published }) }], status: 202, queued: true, pending: 1 },
  {
    name: 'delete of a published document (draft row, then published row)',
    requests: [{ body: article('entry.delete', { id: 7, documentId: 'd1', publishedAt: null }) }, { body: article('entry.delete', { id: 8, documentId: 'd1', ...published }) }],
    status: 202,
    queued: true,
    pending: 1,
  },
  { name: 'delete of a never-published draft', requests: [{ body: article('entry.delete', { id: 7, documentId: 'd1', publishedAt: null }) }], status: 202, queued: false, pending: 0 },
  { name: 'discarding a draft', requests: [{ body: article('entry.draft-discard', { id: 7, documentId: 'd1', publishedAt: null }) }], status: 202, queued: false, pending: 0 },
  { name: 'an event that is not about content', requests: [{ body: { event: 'review-workflows.updateEntryStage', createdAt: new Date().toISOString() } }], status: 202, queued: false, pending: 0 },
];

describe('POST /hooks/strapi', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it.each(cases)('$name → $status, queued $queued, $pending pending', async ({ requests, status, queued, pending }) => {
    // A long quiet window: nothing builds while the test looks at the queue.
    p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
    let last: { status: number; body: any } | undefined;
    for (const request of requests) last = await p.strapi(request.body, request.headers ?? auth);
    expect(last?.status).toBe(status);
    expect(last?.body).toEqual({ queued, reason: expect.any(String) });
    const s = await p.status();
    expect(s.pending).toHaveLength(pending);
    expect(s.state).toBe(pending > 0 ? 'waiting' : 'idle');
    if (pending > 0) expect(s.pending.every((t) => t.source === 'strapi')).toBe(true);
    expect(p.fake.calls).toHaveLength(0);
  });

  it('records what the trigger was (event, uid, documentId, time)', async () => {
    p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
    await p.strapi(article('entry.publish', { id: 8, documentId: 'h0km2', ...published }));
    const [trigger] = (await p.status()).pending;
    expect(trigger).toMatchObject({ source: 'strapi', event: 'entry.publish', uid: 'api::article.article', documentId: 'h0km2' });
    expect(Date.parse(trigger!.at)).toBeGreaterThan(Date.now() - 5000);
  });

  it('builds once after a publish, carrying the trigger into the history', async () => {
    p = await startPublisher();
    await p.strapi(article('entry.publish', { id: 8, documentId: 'd1', ...published }));
    const s = await p.builds(1);
    expect(s.history[0]).toMatchObject({ ok: true, trigger: [{ source: 'strapi', documentId: 'd1' }] });
    expect(s.current).toBe(s.history[0]!.id);
  });

  it('refuses other methods and paths', async () => {
    p = await startPublisher();
    expect((await fetch(`${p.hooksUrl}/hooks/strapi`)).status).toBe(405);
    expect((await fetch(`${p.hooksUrl}/hooks/nope`, { method: 'POST', headers: auth })).status).toBe(404);
  });
});

describe('a secret that is not ASCII', () => {
  it('matches when the sender writes it as UTF-8 bytes, and nothing else does', async () => {
    const p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
    const vietnamese = 'bí-mật-thử';
    const server = createHooksServer({ publisher: p.publisher, secret: vietnamese, log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (authorization: Buffer) =>
      new Promise<string>((resolve, reject) => {
        const body = Buffer.from(JSON.stringify(article('entry.publish', null)));
        // write, not end: Node's server drops the answer to a client that half-closes before it
        // (the hook answers once the event is on disk, a moment after the body).
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            Buffer.concat([
              Buffer.from('POST /hooks/strapi HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nAuthorization: '),
              authorization,
              Buffer.from(`\r\nContent-Length: ${body.length}\r\n\r\n`),
              body,
            ]),
          );
        });
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('end', () => resolve(answer.split(' ')[1] ?? ''));
        socket.on('error', reject);
      });
    try {
      expect(await send(Buffer.from(`Bearer ${vietnamese}`, 'latin1'))).toBe('401');
      expect((await p.status()).pending).toHaveLength(0);
      expect(await send(Buffer.from(`Bearer ${vietnamese}`, 'utf8'))).toBe('202');
      expect((await p.status()).pending).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await p.close();
    }
  });
});

describe('a body larger than the limit sent without Content-Length', () => {
  it('is cut off at 1 MiB with 413 and queues nothing', async () => {
    const p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
    try {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 2 * 1024 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const response = await fetch(`${p.hooksUrl}/hooks/strapi`, { method: 'POST', headers: auth, body: stream, duplex: 'half' } as RequestInit);
      expect(response.status).toBe(413);
      expect((await p.status()).pending).toHaveLength(0);
    } finally {
      await p.close();
    }
  });
});
