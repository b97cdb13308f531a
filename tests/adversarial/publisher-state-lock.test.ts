import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secret, waitFor } from '../int/publisher/support/harness.js';
import { runScript } from '../int/publisher/support/run-script.js';
import { runFakeBuildPublisher, startFakeBuildPublisher, type FakeBuildProcess } from './support/fake-build-process.js';

/** Two publishers on one PUBLISHER_DIR (issue 17, part 5): the second must leave the first alone. */
describe('one publisher per PUBLISHER_DIR', () => {
  let dir: string;
  const started: FakeBuildProcess[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.kill()));
    rmSync(dir, { recursive: true, force: true });
  });

  const liveAfter = async (p: FakeBuildProcess, builds: number) =>
    waitFor(async () => {
      const status = await p.status();
      return status.history.length >= builds && status.state === 'idle' && status.lastBuild?.ok ? status : undefined;
    }, 20_000, `${builds} build(s)`);

  it('a second publisher, as npm run publisher or as the library, exits 1 naming the first and touches nothing', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const first = await startFakeBuildPublisher({ PUBLISHER_DIR: dir });
    started.push(first);
    await first.deploy();
    const live = (await liveAfter(first, 1)).current as string;
    // A build in progress, as the second publisher's start-up clean-up would wipe it.
    const building = path.join(dir, 'publisher', 'staging', 'build-in-progress');
    mkdirSync(building, { recursive: true });
    writeFileSync(path.join(building, 'index.html'), 'half a site');
    const before = { releases: readdirSync(path.join(dir, 'releases')), current: readlinkSync(path.join(dir, 'current')), lock: readFileSync(path.join(dir, 'publisher.lock'), 'utf8') };

    const main = await runScript('scripts/publisher/main.ts', [], { REBUILD_SECRET: secret, PUBLISHER_DIR: dir, PUBLIC_PORT: '0', PUBLISHER_PORT: '0', PREVIEW_SECRET: '', STRAPI_URL: 'http://127.0.0.1:9' });
    expect(main.code).toBe(1);
    expect(main.stderr).toContain(`PUBLISHER_DIR ${dir} is in use by another publisher (pid ${first.child.pid}`);
    expect(main.stderr).toContain('stop it first, or give this one another PUBLISHER_DIR');
    const library = await runFakeBuildPublisher({ PUBLISHER_DIR: dir });
    expect(library.code).toBe(1);
    expect(library.output).toContain(`is in use by another publisher (pid ${first.child.pid}`);

    expect(readFileSync(path.join(building, 'index.html'), 'utf8')).toBe('half a site');
    expect({ releases: readdirSync(path.join(dir, 'releases')), current: readlinkSync(path.join(dir, 'current')), lock: readFileSync(path.join(dir, 'publisher.lock'), 'utf8') }).toEqual(before);

    // The first one still serves and builds.
    expect(await (await fetch(`${first.publicUrl}/`)).text()).toContain(`release=${live}`);
    await first.deploy();
    const after = await liveAfter(first, 2);
    expect(after.current).not.toBe(live);
    expect(await (await fetch(`${first.publicUrl}/`)).text()).toContain(`release=${after.current}`);
  });

  it.each([
    ['a dead process', () => ({ pid: deadPid(), processStart: null, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' })],
    ['a live pid that is another process now (start time differs)', () => ({ pid: process.pid, processStart: '1', hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' })],
  ])('takes over a lock left by %s, and gives it back on SIGTERM', async (_, owner) => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const lock = path.join(dir, 'publisher.lock');
    writeFileSync(lock, JSON.stringify(owner()));
    const publisher = await startFakeBuildPublisher({ PUBLISHER_DIR: dir });
    started.push(publisher);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(publisher.child.pid);
    await publisher.stop();
    expect(existsSync(lock)).toBe(false);
  });

  it('keeps out while the lock file is being written (unreadable and fresh)', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    writeFileSync(path.join(dir, 'publisher.lock'), '');
    const second = await runFakeBuildPublisher({ PUBLISHER_DIR: dir });
    expect(second.code).toBe(1);
    expect(second.output).toContain('is in use by another publisher');
    expect(existsSync(path.join(dir, 'releases'))).toBe(false);
  });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$']);
  return Number(child.stdout.toString().trim());
}
