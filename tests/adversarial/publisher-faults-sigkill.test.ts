import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPublicServer } from '../../scripts/publisher/public-server.js';
import { StateStore } from '../../scripts/publisher/state-store.js';
import { secret, strapiEvent, waitFor } from '../int/publisher/support/harness.js';
import { startFakeBuildPublisher, type FakeBuildProcess } from './support/fake-build-process.js';

/**
 * SIGKILL of a real publisher process at the three points where its files are between two
 * states (issue 17): the live site keeps answering with the last good release, and the next
 * start recovers. The process stops exactly there through PUBLISHER_FAULT_PAUSE
 * (scripts/publisher/fault-point.ts, inert unless set); nothing else is simulated.
 */
describe('SIGKILL of the publisher', () => {
  let dir: string;
  const processes: FakeBuildProcess[] = [];
  let site: Server | undefined;

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    if (site) await new Promise((resolve) => site!.close(resolve));
    site = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const idleAfter = (p: FakeBuildProcess, done: (status: any) => boolean, what: string) =>
    waitFor(async () => {
      const status = await p.status();
      return status.state === 'idle' && done(status) ? status : undefined;
    }, 20_000, what);

  /** The public server on the folder as it is now: what a restarted publisher (or nginx, reading `current`) serves. */
  async function home(): Promise<string> {
    site ??= createPublicServer({ publisherDir: dir, imageOrigins: [], log: () => {} });
    if (!site.listening) await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    expect(response.status).toBe(200);
    return response.text();
  }

  it.each([
    // The new release is in releases/, `current` still names the old one.
    { pause: 'before-swap', liveIs: 'old' },
    // `current` names the new release; the old one is half-way to the trash.
    { pause: 'during-prune', liveIs: 'new' },
    // The build has started and state.json's temporary copy is on disk, not renamed.
    { pause: 'state-write@2', liveIs: 'old' },
  ])('at $pause: the site answers with the last good release and the next start rebuilds the event', async ({ pause, liveIs }) => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sigkill-'));
    const env = { PUBLISHER_DIR: dir, KEEP_RELEASES: '1' };

    const first = await startFakeBuildPublisher(env);
    processes.push(first);
    await first.deploy();
    const old = (await idleAfter(first, (s) => s.lastBuild?.ok, 'the first release')).current as string;
    await first.stop();

    const faulty = await startFakeBuildPublisher({ ...env, PUBLISHER_FAULT_PAUSE: pause });
    processes.push(faulty);
    const event = strapiEvent('entry.publish', 'article', { documentId: 'doc-killed', publishedAt: new Date().toISOString() });
    const answer = await fetch(`${faulty.hooksUrl}/hooks/strapi`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(answer.status).toBe(202);
    await waitFor(() => faulty.output().includes(`FAULT-PAUSE ${pause.split('@')[0]}`), 20_000, `the pause at ${pause}`);
    await faulty.kill();

    // The live site, as nginx or a restarted publisher sees it.
    const live = path.basename(readlinkSync(path.join(dir, 'current')));
    if (liveIs === 'old') expect(live).toBe(old);
    else expect(live).not.toBe(old);
    const body = await home();
    expect(body).toContain(`release=${live}`);
    expect(body).not.toMatch(new RegExp(`release=(?!${live})`));
    // What was on disk at the kill is still readable: state.json is the last complete write.
    const invalid: string[] = [];
    await new StateStore(path.join(dir, 'publisher', 'state.json')).load((reason) => invalid.push(reason));
    expect(invalid).toEqual([]);

    const leftovers = () => [
      ...readdirSync(path.join(dir, 'publisher')).filter((name) => name.includes('.tmp-')),
      ...readdirSync(dir).filter((name) => name.startsWith('current.tmp-')),
      ...readdirSync(path.join(dir, 'publisher', 'staging')),
    ];
    const leftAtKill = leftovers();
    if (pause.startsWith('state-write')) expect(leftAtKill).toContainEqual(expect.stringMatching(/^state\.json\.tmp-/));

    const next = await startFakeBuildPublisher(env);
    processes.push(next);
    const recovered = await idleAfter(
      next,
      (s) => s.lastBuild?.ok && s.history.some((b: any) => b.trigger.some((t: any) => t.documentId === 'doc-killed') && b.ok),
      'the killed event to be rebuilt',
    );
    expect(recovered.current).not.toBe(old);
    expect(await home()).toContain(`release=${recovered.current}`);
    expect(next.output()).toMatch(/requeued \d+ event\(s\) not built before the restart/);
    // Nothing the kill left behind stays: staging, temporary state files and links, the trash
    // (the running publisher's own state write may be in progress: only the kill's are looked for).
    expect(leftovers().filter((name) => leftAtKill.includes(name))).toEqual([]);
    expect(readdirSync(path.join(dir, 'publisher', 'staging'))).toEqual([]);
    await waitFor(() => !existsSync(path.join(dir, 'publisher', 'trash')) || readdirSync(path.join(dir, 'publisher', 'trash')).length === 0, 10_000, 'the trash to empty');
    expect(readdirSync(path.join(dir, 'releases'))).toEqual([recovered.current]);
    expect(JSON.parse(readFileSync(path.join(dir, 'publisher.lock'), 'utf8')).pid).toBe(next.child.pid);
  });
});
