import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkRelease } from '../../../../scripts/publisher/check-release.js';
import { createHooksServer } from '../../../../scripts/publisher/hooks-server.js';
import { createPublicServer } from '../../../../scripts/publisher/public-server.js';
import { Publisher, type PublisherOptions, type PublisherStatus } from '../../../../scripts/publisher/publisher.js';
import type { BuildFunction } from '../../../../scripts/publisher/release-pipeline.js';
import { fakeCms, type FakeCms } from './fake-cms.js';
import { writeFakeSite } from './fake-site.js';

export const secret = 'rebuild-secret-for-tests-0123456789';

export async function waitFor<T>(probe: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A build that writes the fake site, with knobs: fail, leave files out, hold until released. */
export class FakeBuild {
  calls: { releaseDir: string; clearCache: boolean; startedAt: number }[] = [];
  failWith: string | undefined;
  omit: string[] = [];
  running = 0;
  maxRunning = 0;
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;

  constructor(private readonly slugs: () => string[]) {}

  /** Builds started from now on wait until `release()`. */
  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  readonly build: BuildFunction = async (releaseDir, context) => {
    this.calls.push({ releaseDir, clearCache: context.clearCache, startedAt: Date.now() });
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.#gate) {
        const aborted = new Promise<never>((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }));
        await Promise.race([this.#gate, aborted]);
      }
      context.log.write('fake build writing files\n');
      if (this.failWith) throw new Error(this.failWith);
      await writeFakeSite(releaseDir, path.basename(releaseDir), this.slugs(), this.omit);
    } finally {
      this.running -= 1;
    }
  };
}

export interface TestPublisher {
  dir: string;
  publisher: Publisher;
  store: Publisher['store'];
  cms: FakeCms;
  fake: FakeBuild;
  hooksUrl: string;
  publicUrl: string;
  logs: string[];
  status(): Promise<PublisherStatus>;
  /** Resolves with the status once `count` builds are in the history and nothing is building. */
  builds(count: number, timeoutMs?: number): Promise<PublisherStatus>;
  strapi(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A publisher on a temporary PUBLISHER_DIR, its two servers on free ports, a fake CMS and a fake build. */
export async function startPublisher(overrides: Partial<PublisherOptions> & { dir?: string; cms?: FakeCms } = {}): Promise<TestPublisher> {
  const dir = overrides.dir ?? mkdtempSync(path.join(os.tmpdir(), 'publisher-'));
  const cms = overrides.cms ?? (await fakeCms());
  const fake = new FakeBuild(() => cms.slugs);
  const logs: string[] = [];
  const publisher = new Publisher({
    publisherDir: dir,
    build: fake.build,
    check: (releaseDir, built) => checkRelease(releaseDir, { strapiUrl: cms.url, strapiToken: cms.token }, built),
    debounceMs: 30,
    maxWaitMs: 300,
    buildTimeoutMs: 10_000,
    keepReleases: 5,
    retryDelaysMs: [],
    log: (line) => logs.push(line),
    ...overrides,
  });
  await publisher.start();
  const hooks = createHooksServer({ publisher, secret, log: (line) => logs.push(line) });
  const site = createPublicServer({ publisherDir: dir, imageOrigins: [cms.url], log: (line) => logs.push(line) });
  const [hooksUrl, publicUrl] = await Promise.all([listen(hooks), listen(site)]);

  const status = () => publisher.status();
  return {
    dir,
    publisher,
    store: publisher.store,
    cms,
    fake,
    hooksUrl,
    publicUrl,
    logs,
    status,
    builds: (count, timeoutMs = 10_000) =>
      waitFor(
        async () => {
          const s = await status();
          return s.history.length >= count && s.state !== 'building' ? s : undefined;
        },
        timeoutMs,
        `${count} build(s)`,
      ),
    async strapi(body, headers = { Authorization: `Bearer ${secret}` }) {
      const response = await fetch(`${hooksUrl}/hooks/strapi`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await publisher.stop();
      hooks.closeAllConnections();
      site.closeAllConnections();
      await Promise.all([hooks, site].map((server) => new Promise((resolve) => server.close(resolve))));
      if (!overrides.cms) await cms.close();
      if (!overrides.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Strapi 5 webhook body. */
export function strapiEvent(event: string, type: string, entry: Record<string, unknown> | null): Record<string, unknown> {
  return { event, createdAt: new Date().toISOString(), model: type, uid: `api::${type}.${type}`, entry };
}
