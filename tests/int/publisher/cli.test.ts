import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runScript } from './support/run-script.js';
import { secret, startPublisher, type TestPublisher } from './support/harness.js';

const rebuild = (p: TestPublisher, args: string[] = [], env: Record<string, string> = {}) =>
  runScript('scripts/rebuild.ts', ['--poll-ms', '50', ...args], { PUBLISHER_URL: p.hooksUrl, REBUILD_SECRET: secret, ...env });

describe('npm run rebuild', () => {
  let p: TestPublisher;
  afterEach(async () => p?.close());

  it('queues a build as source cli, follows it and exits 0 once it is live', async () => {
    p = await startPublisher();
    const result = await rebuild(p);
    const s = await p.status();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Queued: npm run rebuild.');
    expect(result.stdout).toContain(`Live: release ${s.current}, built in`);
    expect(s.history[0]).toMatchObject({ ok: true, clearCache: false, trigger: [{ source: 'cli' }] });
  });

  it('--clear-cache asks for a cold build', async () => {
    p = await startPublisher();
    const result = await rebuild(p, ['--clear-cache']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cold build');
    expect(p.fake.calls[0]?.clearCache).toBe(true);
  });

  it('exits 1 with the error and the log when the build fails', async () => {
    p = await startPublisher({ retryDelaysMs: [60_000] });
    p.fake.failWith = 'astro build exited with code 1';
    const result = await rebuild(p);
    const failed = (await p.status()).history[0]!;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Failed: build ${failed.id}`);
    expect(result.stderr).toContain('astro build exited with code 1');
    expect(result.stderr).toContain(`Log: ${failed.log}`);
    expect(result.stderr).toContain('retries (attempt 2)');
  });

  it.each([
    ['a wrong secret', { REBUILD_SECRET: 'wrong' }, 'answered 401'],
    ['no publisher listening', { PUBLISHER_URL: 'http://127.0.0.1:9' }, 'does not answer'],
  ])('exits 1 on %s', async (_, env, message) => {
    p = await startPublisher();
    const result = await rebuild(p, [], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(p.fake.calls).toHaveLength(0);
  });
});

describe('npm run rollback', () => {
  it('swaps current back to the release before it, or to the one named', async () => {
    const p = await startPublisher();
    try {
      for (let i = 1; i <= 3; i += 1) {
        await fetch(`${p.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
        await p.builds(i);
      }
      const [r1, r2, r3] = (await p.status()).releases;
      const rollback = (args: string[] = []) => runScript('scripts/rollback.ts', args, { PUBLISHER_DIR: p.dir });
      const body = async () => (await fetch(`${p.publicUrl}/`)).text();

      let result = await rollback();
      expect(result).toMatchObject({ code: 0, stdout: `Rolled back: current ${r3} → ${r2}\n` });
      expect((await p.status()).current).toBe(r2);
      expect(await body()).toContain(`release=${r2}`);

      result = await rollback();
      expect(result.stdout).toBe(`Rolled back: current ${r2} → ${r1}\n`);

      result = await rollback();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`No release before the live one (${r1})`);
      expect((await p.status()).current).toBe(r1);

      result = await rollback([r3!]);
      expect(result.stdout).toBe(`Rolled back: current ${r1} → ${r3}\n`);
      expect(await body()).toContain(`release=${r3}`);

      result = await rollback(['20200101T000000000Z-nope']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('No release 20200101T000000000Z-nope');
      expect((await p.status()).current).toBe(r3);
    } finally {
      await p.close();
    }
  });

  it('runs DEPLOY_COMMAND once the earlier release is live (nginx reloads its redirects), and a failing one leaves the rollback standing', async () => {
    const p = await startPublisher();
    try {
      for (let i = 1; i <= 2; i += 1) {
        await fetch(`${p.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
        await p.builds(i);
      }
      const [r1, r2] = (await p.status()).releases;
      const marker = `${p.dir}/deployed.txt`;
      let result = await runScript('scripts/rollback.ts', [], { PUBLISHER_DIR: p.dir, DEPLOY_COMMAND: `printf %s "$RELEASE_DIR" > ${marker}` });
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(marker, 'utf8')).toBe(p.store.releaseDir(r1!));
      result = await runScript('scripts/rollback.ts', [r2!], { PUBLISHER_DIR: p.dir, DEPLOY_COMMAND: 'exit 3' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DEPLOY_COMMAND failed');
      expect((await p.status()).current).toBe(r2);
    } finally {
      await p.close();
    }
  });
});
