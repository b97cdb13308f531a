import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGAGEMENT_TABLES as T } from '../../cms/src/engagement/engagement-tables.js';
import { connectDatabase } from '../../scripts/engagement/engagement-database.js';
import { visitorHasher } from '../../scripts/engagement/visitor-hash.js';
import { createPublicServer } from '../../scripts/publisher/public-server.js';
import { databaseTarget } from '../../scripts/production/database-target.js';
import { publisherDirWithPages, startEngagementProcess, TEST_ENGAGEMENT_SECRET, type EngagementProcess } from '../helpers/engagement-process.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const BROWSER = (who: string) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 reader-${who}`;
const PAGE = 'article:proxied1';
const hash = visitorHasher(TEST_ENGAGEMENT_SECRET);

/**
 * The public server's proxy to the engagement service keeps its upstream sockets alive, so one
 * visitor's bytes must never become part of another's request on a reused socket, and the
 * service must see each visitor as the edge saw them (its peer address, its User-Agent). Attacked
 * with raw bytes on real sockets: the real public server in front of the real service.
 */
describe('the public server passing /tuong-tac/ on kept-alive sockets', () => {
  let db: TestDatabase;
  let sql: Knex;
  let service: EngagementProcess;
  let edge: Server;
  let port: number;
  let site: string;

  beforeAll(async () => {
    db = sqliteDatabase();
    const dir = publisherDirWithPages([{ key: PAGE, path: '/tin-tuc/proxied/', title: 'P', views: 0 }]);
    service = await startEngagementProcess({ ...db.env, PUBLISHER_DIR: dir, ENGAGEMENT_FLUSH_MS: '100' });
    edge = createPublicServer({ publisherDir: dir, imageOrigins: [], engagementUrl: service.url, log: () => {} });
    await new Promise<void>((resolve) => edge.listen(0, '127.0.0.1', resolve));
    port = (edge.address() as AddressInfo).port;
    site = `http://127.0.0.1:${port}`;
    sql = connectDatabase(databaseTarget(db.env));
  });

  afterAll(async () => {
    await new Promise((resolve) => edge?.close(resolve));
    await service?.stop();
    await sql?.destroy();
    await db?.drop();
  });

  const beacon = (who: string, extra: string[] = [], body = JSON.stringify({ k: PAGE })) =>
    [
      'POST /tuong-tac/xem HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: ${site}`,
      `User-Agent: ${BROWSER(who)}`,
      'Content-Type: text/plain;charset=UTF-8',
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');

  /** Writes the bytes on one socket, then reads until the server closes it or `answers` status lines came back. */
  const onOneSocket = (bytes: string, answers: number, end = false) =>
    new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      const done = () => (socket.destroy(), resolve(text));
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if ((text.match(/^HTTP\/1\.1 \d{3}/gm) ?? []).length >= answers) setTimeout(done, 50);
      });
      socket.on('close', done).on('error', done);
      socket.write(bytes);
      if (end) socket.end();
      setTimeout(done, 5000);
    });

  const statuses = (text: string) => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
  const flushed = () =>
    expect.poll(async () => ((await (await fetch(`${service.url}/tuong-tac/trang-thai`)).json()) as { batch: number }).batch, { timeout: 5000 }).toBe(0);
  /** Whether the service stored a view of PAGE for this visitor, as the edge sees them: from 127.0.0.1 with their own User-Agent. */
  const counted = async (who: string) =>
    (await sql(T.seen).where({ kind: 'view', page_key: PAGE, visitor: hash('127.0.0.1', BROWSER(who)).visitor }).first()) !== undefined;

  it('pipelined beacons of two visitors on one socket: each answered, each counted as themselves', async () => {
    const text = await onOneSocket(beacon('piped-a') + beacon('piped-b'), 2);
    expect(statuses(text)).toEqual([204, 204]);
    await flushed();
    expect([await counted('piped-a'), await counted('piped-b')]).toEqual([true, true]);
  });

  it.each([
    ['Connection naming X-Forwarded-For, with a forged one', ['Connection: keep-alive, x-forwarded-for', 'X-Forwarded-For: 198.51.100.7']],
    ['Connection: close', ['Connection: close']],
    ['a Keep-Alive header and Proxy-Connection', ['Keep-Alive: timeout=1, max=1', 'Proxy-Connection: close']],
    ['Connection naming Host and Origin', ['Connection: host, origin']],
  ])('%s: the beacon counts once, for the edge\'s view of the visitor, and the answer carries no hop header of the service', async (label, extra) => {
    const who = `hop-${label.length}-${extra.length}`;
    const text = await onOneSocket(beacon(who, extra), 1);
    expect(statuses(text)).toEqual([204]);
    // Keep-Alive, if any, is the edge's own idle timeout, never the service's (it keeps its upstream sockets longer).
    expect(text.match(/^keep-alive:.*$/gim) ?? []).toEqual(text.includes('Connection: close') ? [] : [`Keep-Alive: timeout=${edge.keepAliveTimeout / 1000}`]);
    await flushed();
    expect(await counted(who)).toBe(true);
    expect(await sql(T.seen).where({ visitor: hash('198.51.100.7', BROWSER(who)).visitor }).first()).toBeUndefined();
  });

  it('a beacon cut off mid-body is dropped, and the next visitor on the kept-alive upstream is counted as themselves', async () => {
    for (let i = 0; i < 5; i++) {
      const whole = beacon(`cut-${i}`);
      // The headers promise the whole body; all but its last 10 bytes arrive, then the visitor is gone.
      await onOneSocket(whole.slice(0, whole.length - 10), 1, true);
      const text = await onOneSocket(beacon(`after-cut-${i}`), 1);
      expect(statuses(text)).toEqual([204]);
    }
    await flushed();
    for (let i = 0; i < 5; i++) expect([await counted(`cut-${i}`), await counted(`after-cut-${i}`)]).toEqual([false, true]);
  });

  it('a body that carries a second request is one body: refused with 400, and the smuggled beacon is not counted', async () => {
    const smuggled = beacon('smuggled');
    const text = await onOneSocket(beacon('carrier', [], `${JSON.stringify({ k: PAGE })}\r\n\r\n${smuggled}`), 1);
    expect(statuses(text)).toEqual([400]);
    const next = await onOneSocket(beacon('after-carrier'), 1);
    expect(statuses(next)).toEqual([204]);
    await flushed();
    expect([await counted('carrier'), await counted('smuggled'), await counted('after-carrier')]).toEqual([false, false, true]);
  });

  it.each([
    ['both Content-Length and Transfer-Encoding', ['Transfer-Encoding: chunked'], 400],
    ['a chunked body with a bad chunk size', ['Transfer-Encoding: chunked'], 400],
  ])('%s: refused at the edge, nothing counted', async (label, extra, status) => {
    const who = `framing-${label.length}`;
    const bytes =
      label.startsWith('both')
        ? beacon(who, extra)
        : [`POST /tuong-tac/xem HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Origin: ${site}`, `User-Agent: ${BROWSER(who)}`, 'Content-Type: text/plain', ...extra, '', 'zz\r\n{}\r\n0\r\n\r\n'].join('\r\n');
    const text = await onOneSocket(bytes, 1);
    expect(statuses(text)).toEqual([status]);
    await flushed();
    expect(await counted(who)).toBe(false);
  });

  it('a chunked beacon is passed on whole, and counted', async () => {
    const body = JSON.stringify({ k: PAGE });
    const chunked = [`POST /tuong-tac/xem HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Origin: ${site}`, `User-Agent: ${BROWSER('chunked')}`, 'Content-Type: text/plain', 'Transfer-Encoding: chunked', '', `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`].join('\r\n');
    expect(statuses(await onOneSocket(chunked, 1))).toEqual([204]);
    await flushed();
    expect(await counted('chunked')).toBe(true);
  });
});
