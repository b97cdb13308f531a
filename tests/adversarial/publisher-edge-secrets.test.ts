import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deployToken } from '../../scripts/publisher/deploy-token.js';
import { fakeCms, type FakeCms } from '../int/publisher/support/fake-cms.js';
import { secret, waitFor } from '../int/publisher/support/harness.js';
import { startPublisherProcess, writeRelease, type PublisherProcess } from '../helpers/publisher-process.js';

const token = deployToken(secret);

/** Every file under `dir`, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, text: readFileSync(file, 'latin1') };
    });
}

/** A deploy-hook call whose client goes away in the middle of its body: the server's read fails. */
function abortedDeployCall(hooksUrl: string, pathname: string): Promise<void> {
  const { hostname, port } = new URL(hooksUrl);
  return new Promise((resolve) => {
    const call = request({ hostname, port, path: pathname, method: 'POST', headers: { 'Content-Length': '1000' }, agent: false });
    call.on('error', () => resolve());
    call.write('{"partial":', () => setTimeout(() => call.destroy(), 100));
    call.on('close', () => resolve());
  });
}

/**
 * The deploy hook's token is a credential (issue 17, item 5): the real publisher process
 * is started, called with the real token and a wrong one, made to fail on a request that
 * carries the token, and stopped; then every log it wrote (stdout, stderr, every file
 * under PUBLISHER_DIR) is searched for the token and the secret.
 */
describe('publisher edge: the deploy token stays out of logs', () => {
  let dir: string;
  let cms: FakeCms;
  let publisher: PublisherProcess | undefined;

  afterEach(async () => {
    await publisher?.stop();
    await cms?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(args: string[] = []): Promise<PublisherProcess> {
    dir = mkdtempSync(path.join(os.tmpdir(), 'edge-secrets-'));
    cms = await fakeCms();
    cms.healthy = false;
    writeRelease(dir, '20261127T221500123Z-ab12', { 'index.html': '<p>trang chủ</p>' });
    return startPublisherProcess(
      // A long quiet window: the queued deploy is not built during the test.
      { REBUILD_SECRET: secret, PUBLISHER_DIR: dir, STRAPI_URL: cms.url, STRAPI_TOKEN: cms.token, DEBOUNCE_MS: '600000', MAX_WAIT_MS: '600000' },
      args,
    );
  }

  it('prints the hook without its token, and logs a failed call with the token redacted', async () => {
    publisher = await start();
    expect(publisher.stdout()).toContain('/hooks/deploy/<token>');

    const good = await fetch(`${publisher.hooksUrl}/hooks/deploy/${token}`, { method: 'POST' });
    expect(good.status).toBe(202);
    const bad = await fetch(`${publisher.hooksUrl}/hooks/deploy/${token.slice(0, -4)}abcd?clear_cache=1`, { method: 'POST' });
    expect(bad.status).toBe(401);
    await abortedDeployCall(publisher.hooksUrl, `/hooks/deploy/${token}?clear_cache=1`);
    await abortedDeployCall(publisher.hooksUrl, `//hooks/deploy/${token}`);
    // Other spellings the route reads as the deploy hook: each must be logged without the token.
    for (const spelling of [`/./hooks/deploy/${token}?via=dot`, `/hooks\\deploy\\${token}?via=backslash`, `/hooks/x/../deploy/${token}?via=dotdot`]) {
      await abortedDeployCall(publisher.hooksUrl, spelling);
    }
    await waitFor(() => ['dot', 'backslash', 'dotdot'].every((via) => publisher!.stdout().includes(`/hooks/deploy/<redacted>?via=${via}`)), 10_000, 'the respelled calls in the log');
    // The failure is logged, with the URL it came from, minus the token.
    await waitFor(() => publisher!.stdout().includes('/hooks/deploy/<redacted>?clear_cache=1: aborted'), 10_000, 'the aborted call in the log');
    await publisher.stop();

    const logs = [
      { file: 'stdout', text: publisher.stdout() },
      { file: 'stderr', text: publisher.stderr() },
      ...filesUnder(dir),
    ];
    expect(logs.length).toBeGreaterThan(3);
    for (const { file, text } of logs) {
      expect(text.includes(token), `${file} holds the deploy token`).toBe(false);
      expect(text.includes(secret), `${file} holds REBUILD_SECRET`).toBe(false);
    }
  });

  it('shows the token when asked with --show-deploy-url', async () => {
    publisher = await start(['--show-deploy-url']);
    expect(publisher.stdout()).toContain(`/hooks/deploy/${token}`);
  });
});
