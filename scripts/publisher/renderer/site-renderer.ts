import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { failureReason, outputTail } from '../build-site.js';
import { renderReplySchema, type RenderReply, type RenderRequest } from './render-protocol.js';

const PROCESS = fileURLToPath(new URL('./render-process.ts', import.meta.url));
const CLOSE_GRACE_MS = 5000;
/**
 * The renderer keeps a whole build's state (about 1 GB at 10,000 articles), and every render
 * allocates much that dies young: a larger young generation lets it die there, instead of
 * being promoted into that heap and collected with it.
 */
const RENDERER_HEAP = ['--max-semi-space-size=64'];

export interface RenderOptions {
  /** Receives the renderer's output while this request runs: the release's log. */
  log: Writable;
  /** Aborting kills the renderer, which is then done for. */
  signal?: AbortSignal;
  /** Called when an incremental request's pages are written, before its sitemap. */
  onPages?: () => void;
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * The publisher's handle on one site renderer process (render-process.ts): it runs one full
 * build, then incremental ones for as long as the site's sources and settings are those it
 * was started with (`key`). One request at a time; a failed or aborted request ends the
 * renderer, and the publisher's next build, a full one, starts another.
 */
export class SiteRenderer {
  readonly key: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<string>;
  #log: Writable | undefined;
  #kept = false;
  #done = false;

  private constructor(siteDir: string, key: string) {
    this.key = key;
    // Its own process group: an abort kills sharp's and Astro's threads' process with it.
    this.#child = fork(PROCESS, [], { cwd: siteDir, execArgv: ['--import', 'tsx', ...RENDERER_HEAP], detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const forward = (chunk: Buffer) => this.#log?.write(chunk);
    this.#child.stdout?.on('data', forward);
    this.#child.stderr?.on('data', forward);
    this.#exited = once(this.#child, 'exit').then(([code, signal]) => {
      this.#done = true;
      return signal ? `was killed (${String(signal)})` : `exited with code ${String(code)}`;
    });
  }

  static start(siteDir: string, key: string): SiteRenderer {
    return new SiteRenderer(siteDir, key);
  }

  /** Whether it holds a build to render changed pages from. */
  get ready(): boolean {
    return this.#kept && !this.#done;
  }

  async render(request: RenderRequest, options: RenderOptions): Promise<void> {
    if (this.#done) throw new Error('the site renderer has stopped');
    if (request.kind === 'incremental' && !this.#kept) throw new Error('the site renderer kept no build to render from');
    options.signal?.throwIfAborted();
    const tail = outputTail(options.log);
    this.#log = tail.stream;
    const abort = new AbortController();
    const aborted = new Promise<never>((_, reject) =>
      options.signal?.addEventListener(
        'abort',
        () => {
          killGroup(this.#child);
          reject(options.signal?.reason);
        },
        { once: true, signal: abort.signal },
      ),
    );
    const exited = this.#exited.then((how) => Promise.reject(new Error(`the site renderer ${how}`)));
    const replied = new Promise<RenderReply>((resolve, reject) => {
      // One listener for the whole request: two messages can arrive in one tick.
      const onMessage = (message: unknown) => {
        const parsed = renderReplySchema.safeParse(message);
        if (!parsed.success) reject(parsed.error);
        else if (parsed.data.type === 'pages') options.onPages?.();
        else resolve(parsed.data);
      };
      this.#child.on('message', onMessage);
      abort.signal.addEventListener('abort', () => this.#child.off('message', onMessage), { once: true });
    });
    try {
      this.#child.send(request);
      const reply = await Promise.race([replied, exited, aborted]);
      if (reply.type === 'failed') {
        tail.stream.write(`${reply.message}\n`);
        throw new Error(`astro build failed: ${failureReason(reply.message) ?? tail.reason() ?? reply.message.split('\n')[0]}`);
      }
      if (reply.type !== 'done') throw new Error(`the site renderer answered ${reply.type}`);
      this.#kept = reply.kept;
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      abort.abort();
      this.#log = undefined;
    }
  }

  /** Ends the process: asked first, killed if it does not go. */
  async close(): Promise<void> {
    if (this.#done) return;
    if (this.#child.connected) this.#child.disconnect();
    const timer = setTimeout(() => killGroup(this.#child), CLOSE_GRACE_MS);
    await this.#exited;
    clearTimeout(timer);
  }
}
