import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secret, startPublisher, type TestPublisher } from './support/harness.js';

const deploy = (p: TestPublisher) => fetch(`${p.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });

describe('DEPLOY_COMMAND', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it('runs after the swap with the release as $RELEASE_DIR and $1', async () => {
    const target = mkdtempSync(path.join(os.tmpdir(), 'deployed-'));
    p = await startPublisher({ deployCommand: `cp -r "$RELEASE_DIR" "${target}/site" && echo "$1" > "${target}/argument"` });
    await deploy(p);
    const s = await p.builds(1);
    const build = s.history[0]!;
    expect(build).toMatchObject({ ok: true, deploy: { ok: true, error: null } });
    expect(readFileSync(path.join(target, 'site', 'index.html'), 'utf8')).toContain(`release=${build.id}`);
    expect(readFileSync(path.join(target, 'argument'), 'utf8').trim()).toBe(p.store.releaseDir(build.id));
    expect(readFileSync(path.join(p.dir, build.log), 'utf8')).toContain('DEPLOY_COMMAND succeeded');
  });

  it('a failure is reported in the status and history, and the release stays live', async () => {
    p = await startPublisher({ deployCommand: 'echo "CDN từ chối" >&2; exit 3' });
    await deploy(p);
    const s = await p.builds(1);
    const build = s.history[0]!;
    expect(build).toMatchObject({ ok: true, error: null, deploy: { ok: false, error: 'DEPLOY_COMMAND exited with code 3' } });
    expect(s.current).toBe(build.id);
    expect(s.lastBuild?.deploy?.ok).toBe(false);
    expect(readFileSync(path.join(p.dir, build.log), 'utf8')).toContain('CDN từ chối');
    const page = await (await fetch(`${p.hooksUrl}/`)).text();
    expect(page).toContain('DEPLOY_COMMAND: DEPLOY_COMMAND exited with code 3');
  });

  it('does not run after a failed build', async () => {
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'deployed-')), 'ran');
    p = await startPublisher({ deployCommand: `touch "${marker}"` });
    p.fake.failWith = 'astro build exited with code 1';
    await deploy(p);
    const s = await p.builds(1);
    expect(s.history[0]!.deploy).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });
});
