import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRelease } from '../../../scripts/publisher/check-release.js';
import { buildFirstRelease } from '../../../scripts/publisher/first-release.js';
import { ReleaseStore } from '../../../scripts/publisher/release-store.js';
import { runProcess } from '../../../scripts/publisher/run-process.js';
import { fakeCms } from './support/fake-cms.js';
import { secret, startPublisher, waitFor, type TestPublisher } from './support/harness.js';
import { running } from './support/processes.js';

const deploy = (p: TestPublisher, query = '') => fetch(`${p.hooksUrl}/hooks/deploy${query}`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
const home = async (p: TestPublisher) => {
  const response = await fetch(`${p.publicUrl}/`);
  return { status: response.status, body: await response.text() };
};

describe('builds and releases', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it('a failing build leaves current untouched, keeps its log and shows the error', async () => {
    p = await startPublisher();
    await deploy(p);
    const first = await p.builds(1);
    expect(first.current).toBe(first.history[0]!.id);

    p.fake.failWith = 'astro build exited with code 1';
    await deploy(p);
    const after = await p.builds(2);
    const failed = after.history[0]!;
    expect(failed).toMatchObject({ ok: false, error: 'astro build exited with code 1', trigger: [{ source: 'deploy' }] });
    expect(after.current).toBe(first.current);
    expect(after.lastBuild).toEqual(failed);
    expect(after.releases).toEqual([first.current]);
    expect(readFileSync(path.join(p.dir, failed.log), 'utf8')).toMatch(/fake build writing files[\s\S]*FAILED: Error: astro build exited with code 1/);
    expect(readdirSync(p.store.stagingDir)).toEqual([]);
    expect((await home(p)).body).toContain(`release=${first.current}`);
  });

  it.each([
    ['404.html', /404\.html/],
    ['sitemap-index.xml', /sitemap-index\.xml/],
    ['rss.xml', /rss\.xml/],
    ['index.html', /index\.html/],
    ['tin-tuc/tin-hai/index.html', /tin-tuc\/tin-hai\/index\.html/],
    // What the pages' layout loads: a release without its scripts or styles is a broken site too.
    ['_astro/app.Bx12abCd.js', /_astro\/app\.Bx12abCd\.js/],
    ['_astro/index.Cq9fG7hk.css', /_astro\/index\.Cq9fG7hk\.css/],
    ['favicon.svg', /favicon\.svg/],
  ])('a release without %s fails the check and never goes live', async (missing, message) => {
    p = await startPublisher();
    p.fake.omit = [missing];
    await deploy(p);
    const s = await p.builds(1);
    expect(s.history[0]!.ok).toBe(false);
    expect(s.history[0]!.error).toMatch(/^release check failed: 1 missing/);
    expect(s.history[0]!.error).toMatch(message);
    expect(s.current).toBeNull();
    expect(s.releases).toEqual([]);
    expect((await home(p)).status).toBe(503);
  });

  it('checks every published article the CMS lists, over all its pages', async () => {
    const cms = await fakeCms(Array.from({ length: 450 }, (_, i) => `bai-viet-so-${i + 1}`));
    try {
      p = await startPublisher({ cms });
      await deploy(p);
      expect((await p.builds(1)).history[0]).toMatchObject({ ok: true });
      expect(cms.articleQueries.map((q) => Object.fromEntries(q))).toEqual(
        [1, 2, 3].map((page) => ({
          'fields[0]': 'slug',
          'fields[1]': 'updatedAt',
          'fields[2]': 'publishedAt',
          'pagination[page]': String(page),
          'pagination[pageSize]': '200',
          status: 'published',
        })),
      );
      // An article published after the build started: its page is missing, the release is refused.
      cms.slugs.push('bai-moi-xuat-ban');
      p.fake.omit = ['tin-tuc/bai-moi-xuat-ban/index.html'];
      await deploy(p);
      expect((await p.builds(2)).history[0]!.error).toContain('tin-tuc/bai-moi-xuat-ban/index.html');
    } finally {
      await p.close();
      await cms.close();
    }
  });

  it('fails the build when the CMS refuses the article list', async () => {
    const cms = await fakeCms();
    try {
      p = await startPublisher({ cms, check: (releaseDir) => checkRelease(releaseDir, { strapiUrl: cms.url, strapiToken: 'a-revoked-token' }) });
      await deploy(p);
      const s = await p.builds(1);
      expect(s.history[0]!.error).toMatch(/^the CMS answered 401 to \/api\/articles\?/);
      expect(s.current).toBeNull();
    } finally {
      await p.close();
      await cms.close();
    }
  });

  it('keeps the last KEEP_RELEASES releases', async () => {
    p = await startPublisher();
    const ids: string[] = [];
    for (let i = 1; i <= 7; i += 1) {
      await deploy(p);
      ids.push((await p.builds(i)).history[0]!.id);
    }
    const s = await p.status();
    expect(s.releases).toEqual(ids.slice(2));
    expect(readdirSync(p.store.releasesDir).sort()).toEqual(ids.slice(2));
    expect(s.current).toBe(ids[6]);
    expect(s.history.map((b) => b.id)).toEqual([...ids].reverse());
  });

  it('never prunes the live release, even an old one after a rollback', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prune-'));
    const store = new ReleaseStore(dir);
    await store.ensureLayout();
    const ids = ['20260101T000000000Z-aaaa', '20260102T000000000Z-bbbb', '20260103T000000000Z-cccc', '20260104T000000000Z-dddd'];
    for (const id of ids) mkdirSync(store.releaseDir(id));
    await store.swap(ids[0]!);
    writeFileSync(path.join(store.releaseDir(ids[1]!), 'index.html'), 'cũ');
    expect(await store.prune(2)).toEqual([ids[1]]);
    expect(await store.list()).toEqual([ids[0], ids[2], ids[3]]);
    expect((await store.current())?.id).toBe(ids[0]);
    // Deleted by a process of its own, off the thread pool the public server reads with.
    await store.settled();
    expect(readdirSync(store.trashDir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries a failed build after each backoff delay, then waits for the next event', async () => {
    p = await startPublisher({ retryDelaysMs: [50, 100] });
    p.fake.failWith = 'the CMS is restarting';
    await deploy(p);
    const s = await p.builds(3);
    expect(s.history.map((b) => [b.attempt, b.ok])).toEqual([
      [3, false],
      [2, false],
      [1, false],
    ]);
    expect(new Set(s.history.map((b) => b.trigger[0]!.id)).size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await p.status()).history).toHaveLength(3);
    expect((await p.status()).state).toBe('idle');

    p.fake.failWith = undefined;
    await deploy(p);
    expect((await p.builds(4)).history[0]).toMatchObject({ ok: true, attempt: 1 });
  });

  it('a timed-out build is killed with everything it spawned', async () => {
    const pidFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'pids-')), 'pids');
    p = await startPublisher({
      buildTimeoutMs: 500,
      build: (releaseDir, context) =>
        runProcess('/bin/sh', ['-c', `sleep 60 & echo $! >> ${pidFile}; echo $$ >> ${pidFile}; wait`], { output: context.log, signal: context.signal, label: 'astro build' }),
    });
    await deploy(p);
    const s = await p.builds(1);
    expect(s.history[0]).toMatchObject({ ok: false, error: 'the build timed out after 500 ms' });
    expect(s.current).toBeNull();
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    await waitFor(() => pids.every((pid) => !running(pid)), 5000, 'the build processes to end');
  });

  it('a build killed from outside fails and says so', async () => {
    p = await startPublisher({
      build: (releaseDir, context) => runProcess('/bin/sh', ['-c', 'kill -9 $$'], { output: context.log, signal: context.signal, label: 'astro build' }),
    });
    await deploy(p);
    expect((await p.builds(1)).history[0]).toMatchObject({ ok: false, error: 'astro build was killed (SIGKILL)' });
  });

  it('asks the build for a cold cache with ?clear_cache=1, and only then', async () => {
    p = await startPublisher();
    expect((await deploy(p, '?clear_cache=1')).status).toBe(202);
    await p.builds(1);
    await deploy(p);
    const s = await p.builds(2);
    expect(p.fake.calls.map((c) => c.clearCache)).toEqual([true, false]);
    expect(s.history.map((b) => b.clearCache)).toEqual([false, true]);
  });
});

describe('restarts', () => {
  it('keep the history, requeue events that were not built, and clear half-built leftovers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'restart-'));
    const cms = await fakeCms();
    let p = await startPublisher({ dir, cms });
    await deploy(p);
    const built = await p.builds(1);
    await p.close();

    // Events that were waiting when the publisher stopped, and a build it was killed in.
    p = await startPublisher({ dir, cms, debounceMs: 60_000, maxWaitMs: 60_000 });
    await deploy(p);
    await p.close();
    mkdirSync(path.join(dir, 'publisher', 'staging', 'half-built'), { recursive: true });
    writeFileSync(path.join(dir, 'current.tmp-x'), '');

    p = await startPublisher({ dir, cms });
    try {
      const s = await p.builds(2);
      expect(s.history.at(-1)?.id).toBe(built.history[0]!.id);
      expect(s.history[0]).toMatchObject({ ok: true, trigger: [{ source: 'deploy' }] });
      expect(existsSync(path.join(dir, 'publisher', 'staging', 'half-built'))).toBe(false);
      expect(existsSync(path.join(dir, 'current.tmp-x'))).toBe(false);
      // Written right after the build, asynchronously.
      await waitFor(() => JSON.parse(readFileSync(path.join(dir, 'publisher', 'state.json'), 'utf8')).history.length === 2, 5000, 'state.json');
    } finally {
      await p.close();
      await cms.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a stop kills the running build and keeps its events for the next start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stop-'));
    const cms = await fakeCms();
    let p = await startPublisher({ dir, cms });
    p.fake.hold();
    await deploy(p);
    await waitFor(() => p.fake.running === 1, 5000, 'the build to start');
    await p.close();
    const state = JSON.parse(readFileSync(path.join(dir, 'publisher', 'state.json'), 'utf8'));
    expect(state.history[0]).toMatchObject({ ok: false, error: 'the publisher is shutting down' });
    expect(state.pending).toHaveLength(1);

    p = await startPublisher({ dir, cms });
    try {
      const s = await p.builds(2);
      expect(s.history[0]).toMatchObject({ ok: true, trigger: [{ id: state.pending[0].id }] });
    } finally {
      await p.close();
      await cms.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the first release (source startup) once the CMS is healthy', async () => {
    const p = await startPublisher();
    try {
      p.cms.healthy = false;
      const abort = new AbortController();
      const queued = buildFirstRelease(p.publisher, p.cms.url, abort.signal, () => {}, 20);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await p.status()).pending).toHaveLength(0);
      p.cms.healthy = true;
      expect(await queued).toBe(true);
      const s = await p.builds(1);
      expect(s.history[0]).toMatchObject({ ok: true, trigger: [{ source: 'startup' }] });
      expect(await buildFirstRelease(p.publisher, p.cms.url, abort.signal, () => {}, 20)).toBe(false);
    } finally {
      await p.close();
    }
  });
});
