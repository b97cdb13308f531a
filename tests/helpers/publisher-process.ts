import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';
import { waitFor } from '../int/publisher/support/harness.js';

export interface PublisherProcess {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  stdout(): string;
  stderr(): string;
  publicUrl: string;
  hooksUrl: string;
  /** Open file descriptors of the process, from /proc. */
  openFds(): number;
  stop(): Promise<void>;
}

/** A live release `id` in `dir` with these files, as the publisher leaves one. */
export function writeRelease(dir: string, id: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, 'releases', id, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  symlinkSync(path.join('releases', id), path.join(dir, 'current'));
}

/**
 * `npm run publisher` as a service manager runs it (`node --import tsx scripts/publisher/main.ts`,
 * its own process group) on free ports, with `env` on top of a clean environment: no preview
 * unless asked, no developer .env settings for the servers.
 */
export async function startPublisherProcess(env: Record<string, string>, args: string[] = []): Promise<PublisherProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/publisher/main.ts'), ...args], {
    cwd: repoRoot,
    detached: true,
    env: {
      PATH: process.env.PATH ?? '',
      PUBLISHER_HOST: '127.0.0.1',
      PUBLIC_PORT: '0',
      PUBLISHER_PORT: '0',
      PREVIEW_SECRET: '',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the publisher exited: ${stderr || stdout}`);
      return /public site on :(\d+); hooks and status on :(\d+)[\s\S]*deploy hook: /.exec(stdout);
    },
    30_000,
    'the publisher to listen',
  );
  const pid = child.pid!;
  return {
    child,
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    publicUrl: `http://127.0.0.1:${ports[1]}`,
    hooksUrl: `http://127.0.0.1:${ports[2]}`,
    openFds: () => readdirSync(`/proc/${pid}/fd`).length,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
