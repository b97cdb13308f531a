import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../../cms/src/audit/audit-days.js';
import { runScript } from './support/run-script.js';
import { secret, startPublisher, strapiEvent, type TestPublisher } from './support/harness.js';

const token = createHmac('sha256', secret).update('deploy-hook').digest('hex');
const today = vietnamDay();

interface Entry {
  id: number;
  actor: string;
  actorKind: string;
  action: string;
  subjectId: string | null;
  detail: string;
  clientAddress: string | null;
  log: string;
}

describe('the publisher audit log: releases, deploy-hook calls and rollbacks, with their trigger', () => {
  let p: TestPublisher;
  let entries: Entry[];

  const audit = (...args: string[]) => runScript('scripts/audit.ts', args, { PUBLISHER_DIR: p.dir });

  beforeAll(async () => {
    p = await startPublisher();
    // Through this machine's nginx: the last X-Forwarded-For hop is the caller.
    const deploy = await fetch(`${p.hooksUrl}/hooks/deploy/${token}`, { method: 'POST', headers: { 'X-Forwarded-For': '203.0.113.7, 198.51.100.9' } });
    expect(deploy.status).toBe(202);
    await p.builds(1);
    await p.strapi(strapiEvent('entry.publish', 'article', { id: 1, documentId: 'h0km', publishedAt: '2026-11-27T08:00:00.000Z' }));
    const live = await p.builds(2);
    // A rollback from the command line while the publisher records a deploy-hook call: both land, chained.
    p.fake.hold();
    const [rollback] = await Promise.all([
      runScript('scripts/rollback.ts', [], { PUBLISHER_DIR: p.dir }),
      fetch(`${p.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }),
    ]);
    expect(rollback.code, rollback.stderr).toBe(0);
    p.fake.release();
    await p.builds(3);
    expect(live.history).toHaveLength(2);
    const printed = await audit('--since', today, '--log', 'publisher');
    expect(printed.code, printed.stderr).toBe(0);
    entries = printed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Entry);
  }, 60_000);
  afterAll(async () => p?.close());

  it('records a deploy-hook call with the caller through the proxy, and the release it caused with its trigger', () => {
    const [call, release] = entries;
    expect(call).toMatchObject({ action: 'publisher.deploy-hook', actor: 'deploy hook', clientAddress: '198.51.100.9', log: 'publisher' });
    expect(release).toMatchObject({ action: 'publisher.release', actor: 'publisher', actorKind: 'publisher' });
    expect(JSON.parse(release!.detail).triggers).toEqual([expect.objectContaining({ source: 'deploy' })]);
  });

  it('records a release caused by a publish in the CMS, naming the event and the entry', () => {
    const release = entries.find((e) => e.action === 'publisher.release' && e.detail.includes('h0km'));
    expect(JSON.parse(release!.detail).triggers).toEqual([expect.objectContaining({ source: 'strapi', event: 'entry.publish', uid: 'api::article.article', documentId: 'h0km' })]);
  });

  it('records a rollback with who ran it, from and to', () => {
    const rollback = entries.find((e) => e.action === 'publisher.rollback');
    expect(rollback).toMatchObject({ actorKind: 'script', actor: expect.stringContaining('npm run rollback') });
    const releases = entries.filter((e) => e.action === 'publisher.release').map((e) => e.subjectId);
    expect(JSON.parse(rollback!.detail)).toEqual({ from: releases[1], to: releases[0] });
  });

  it('keeps one unbroken chain across the two processes, and no secret', async () => {
    expect(entries.map((e) => e.id)).toEqual(entries.map((_, index) => index + 1));
    const verify = await audit('--verify', '--log', 'publisher');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`Publisher audit log intact: ${entries.length} entries`);
    const file = readFileSync(path.join(p.dir, 'audit.jsonl'), 'utf8');
    expect(file).not.toContain(secret);
    expect(file).not.toContain(token);
  });

  it('prints it as CSV with a log column', async () => {
    const csv = await audit('--since', today, '--log', 'publisher', '--format', 'csv');
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('\uFEFFid,at,actor,actorKind,action,subjectType,subjectId,detail,clientAddress,prevHash,hash,log');
    expect(rows).toHaveLength(entries.length + 1);
    expect(rows.slice(1).every((row) => row.endsWith(",publisher"))).toBe(true);
  });
});
