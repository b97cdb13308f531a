import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { deployToken } from '../../../scripts/publisher/deploy-token.js';
import { fakeCms, type FakeCms } from './support/fake-cms.js';
import { secret, waitFor } from './support/harness.js';
import { runScript } from './support/run-script.js';

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  publicUrl: string;
  hooksUrl: string;
}

/**
 * `npm run publisher` (`node --import tsx scripts/publisher/main.ts`) on free ports, in its own
 * process group as a service manager runs it; the CMS is a fake that is not healthy, so no
 * real build starts.
 */
async function startMain(dir: string, cms: FakeCms, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/publisher/main.ts')], {
    cwd: repoRoot,
    detached: true,
    env: {
      PATH: process.env.PATH ?? '',
      REBUILD_SECRET: secret,
      PUBLISHER_DIR: dir,
      STRAPI_URL: cms.url,
      STRAPI_TOKEN: cms.token,
      PUBLISHER_HOST: '127.0.0.1',
      PUBLIC_PORT: '0',
      PUBLISHER_PORT: '0',
      // Empty wins over a developer's .env: no preview unless a test asks for one.
      PREVIEW_SECRET: '',
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ports = await waitFor(() => /public site on :(\d+); hooks and status on :(\d+)[\s\S]*deploy hook: /.exec(output), 30_000, 'the publisher to listen');
  return { child, output: () => output, publicUrl: `http://127.0.0.1:${ports[1]}`, hooksUrl: `http://127.0.0.1:${ports[2]}` };
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm run publisher (scripts/publisher/main.ts)', () => {
  let dir: string;
  let cms: FakeCms;
  let running: Running | undefined;

  afterEach(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      const exit = exited(running.child);
      process.kill(-running.child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-running!.child.pid!, 'SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    running = undefined;
    await cms?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the "being built" page, waits for the CMS, prints the deploy hook and stops cleanly on SIGTERM', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'main-'));
    cms = await fakeCms();
    cms.healthy = false;
    running = await startMain(dir, cms);
    // The token is a credential: the start-up line shows where it goes, not what it is.
    expect(running.output()).toContain('/hooks/deploy/<token>');
    expect(running.output()).not.toContain(deployToken(secret));
    await waitFor(() => running!.output().includes(`no release yet: building once the CMS answers ${cms.url}/_health`), 5000, 'the startup line');

    const site = await fetch(`${running.publicUrl}/`);
    expect(site.status).toBe(503);
    expect(await site.text()).toContain('Cổng thông tin đang được xây dựng');
    const status: any = await (await fetch(`${running.hooksUrl}/status`)).json();
    expect(status).toMatchObject({ state: 'idle', current: null, history: [] });
    expect(status.deployHookPath).toBeUndefined();
    const admin: any = await (await fetch(`${running.hooksUrl}/status`, { headers: { Authorization: `Bearer ${secret}` } })).json();
    expect(admin.deployHookPath).toBe(`/hooks/deploy/${deployToken(secret)}`);
    expect(await (await fetch(`${running.hooksUrl}/`)).text()).toContain('Trạng thái xuất bản');

    // As a service manager does to the group, then npm again as it relays the signal: the
    // second one lands while the publisher is stopping and must not cut the stop short.
    const exit = exited(running.child);
    process.kill(-running.child.pid!, 'SIGTERM');
    await waitFor(() => running!.output().includes('SIGTERM: stopping'), 5000, 'the stop to begin');
    process.kill(-running.child.pid!, 'SIGTERM');
    expect(await exit).toBe(0);
    expect(running.output()).toMatch(/SIGTERM: stopping[\s\S]*stopped/);
  });

  it('serves the live release at once when there is one', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'main-'));
    cms = await fakeCms();
    const id = '20261127T221500123Z-ab12';
    mkdirSync(path.join(dir, 'releases', id), { recursive: true });
    writeFileSync(path.join(dir, 'releases', id, 'index.html'), `<p>release=${id}</p>`);
    symlinkSync(path.join('releases', id), path.join(dir, 'current'));
    running = await startMain(dir, cms);
    expect(await (await fetch(`${running.publicUrl}/`)).text()).toBe(`<p>release=${id}</p>`);
    expect(running.output()).not.toContain('no release yet');
    expect(((await (await fetch(`${running.hooksUrl}/status`)).json()) as { current: string }).current).toBe(id);
  });

  it('runs the draft preview when PREVIEW_SECRET is set: built from the site templates, closed to unsigned links', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'main-'));
    cms = await fakeCms();
    cms.healthy = false;
    mkdirSync(path.join(repoRoot, 'var'), { recursive: true });
    const buildRoot = mkdtempSync(path.join(repoRoot, 'var', 'test-main-preview-'));
    try {
      running = await startMain(dir, cms, {
        PREVIEW_SECRET: 'preview-secret-for-the-main-test-0123456789',
        PREVIEW_PORT: '0',
        PREVIEW_BUILD_DIR: path.join(buildRoot, 'preview-server'),
        SITE_URL: 'http://portal.test',
      });
      const port = (await waitFor(() => /draft preview on :(\d+)/.exec(running!.output()), 10_000, 'the preview to listen'))[1];
      await waitFor(() => running!.output().includes('draft preview ready (built from the site templates)'), 120_000, 'the preview build');
      const unsigned = await fetch(`http://127.0.0.1:${port}/ban-xem-truoc/tin-tuc/abc?status=draft`);
      expect(unsigned.status).toBe(401);
      expect(await unsigned.text()).toContain('Cần liên kết xem trước');
      const elsewhere = await fetch(`http://127.0.0.1:${port}/tin-tuc/`, { redirect: 'manual' });
      expect(elsewhere.headers.get('location')).toBe('http://portal.test/tin-tuc/');
    } finally {
      rmSync(buildRoot, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses to start without a REBUILD_SECRET, saying so', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'main-'));
    cms = await fakeCms();
    const result = await runScript('scripts/publisher/main.ts', [], { REBUILD_SECRET: '', PUBLISHER_DIR: dir, PUBLIC_PORT: '0', PUBLISHER_PORT: '0' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('REBUILD_SECRET is empty');
  });
});
