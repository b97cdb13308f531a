import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CmsOptions } from '../cms-articles.js';
import type { Log } from '../log.js';
import { runProcess } from '../run-process.js';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface LiveRelease {
  id: string;
  dir: string;
}

/**
 * Runs the link check of each release that went live, in a child process of its own, so the
 * public server's process never waits on a slow external site, and one at a time: a release
 * that goes live while a check runs waits, and a newer one replaces it. A check that fails is
 * logged; the release stays live whatever it finds.
 */
export class LinkCheckRunner {
  readonly #publisherDir: string;
  readonly #cms: () => CmsOptions;
  readonly #log: Log;
  readonly #timeoutMs: number;
  #running: Promise<void> | undefined;
  #next: LiveRelease | undefined;
  readonly #stop = new AbortController();

  /** `cms` is read at every check, as the builds read it (the token file may be written late). */
  constructor(options: { publisherDir: string; cms: () => CmsOptions; log: Log; timeoutMs?: number }) {
    this.#publisherDir = options.publisherDir;
    this.#cms = options.cms;
    this.#log = options.log;
    this.#timeoutMs = options.timeoutMs ?? 30 * 60_000;
  }

  /** Asks for a check of the release that just went live. */
  released(release: LiveRelease): void {
    this.#next = release;
    if (!this.#running) this.#running = this.#drain();
  }

  /** Resolves when no check runs or waits. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Kills a running check; waiting ones are dropped (the next release asks again). */
  async stop(): Promise<void> {
    this.#next = undefined;
    this.#stop.abort(new Error('the publisher is stopping'));
    await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#next && !this.#stop.signal.aborted) {
        const release = this.#next;
        this.#next = undefined;
        await this.#check(release);
      }
    } finally {
      this.#running = undefined;
    }
  }

  async #check(release: LiveRelease): Promise<void> {
    const output = createWriteStream(path.join(this.#publisherDir, 'link-check.log'), { flags: 'a' });
    output.on('error', () => {});
    const signal = AbortSignal.any([this.#stop.signal, AbortSignal.timeout(this.#timeoutMs)]);
    try {
      output.write(`${new Date().toISOString()} link check of ${release.id}\n`);
      const cms = this.#cms();
      await runProcess(process.execPath, ['--import', 'tsx', entry, release.id, release.dir], {
        env: { ...process.env, PUBLISHER_DIR: this.#publisherDir, STRAPI_URL: cms.strapiUrl, STRAPI_TOKEN: cms.strapiToken },
        output,
        signal,
        label: 'the link check',
      });
      this.#log(`link check of ${release.id} done (link-report.json)`);
    } catch (error) {
      this.#log(`link check of ${release.id} failed: ${(error as Error).message} (see link-check.log)`);
    } finally {
      await new Promise<void>((resolve) => output.end(resolve));
    }
  }
}
