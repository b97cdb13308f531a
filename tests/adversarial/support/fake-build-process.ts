import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { secret, waitFor } from '../../int/publisher/support/harness.js';

export interface FakeBuildProcess {
  child: ChildProcessWithoutNullStreams;
  hooksUrl: string;
  publicUrl: string;
  output(): string;
  /** Event-loop delay (ms) since the last reset and memory (MiB), measured inside the publisher. */
  stats(): Promise<{ p50: number; p99: number; max: number; rssMb: number; heapMb: number }>;
  resetStats(): void;
  /** Builds that start from now on wait until `release()`. */
  hold(): void;
  release(): void;
  deploy(query?: string): Promise<Response>;
  status(): Promise<any>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, a graceful stop. */
  stop(): Promise<void>;
}

const script = path.join(repoRoot, 'tests/adversarial/support/fake-build-publisher.ts');

/** Exit code and output of a fake-build publisher that is expected not to start. */
export function runFakeBuildPublisher(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
    // Should it start after all, the test must not hang on it.
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

/** tests/adversarial/support/fake-build-publisher.ts in a process of its own. */
export async function startFakeBuildPublisher(env: Record<string, string>): Promise<FakeBuildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the publisher exited: ${output}`);
      return /READY (\{.*\})/.exec(output);
    },
    30_000,
    'the publisher to listen',
  );
  const { hooksUrl, publicUrl } = JSON.parse(ready[1]!) as { hooksUrl: string; publicUrl: string };
  let seen = 0;
  return {
    child,
    hooksUrl,
    publicUrl,
    output: () => output,
    async stats() {
      const from = output.length;
      child.stdin.write('stats\n');
      const match = await waitFor(() => /STATS (\{.*\})/.exec(output.slice(Math.max(from, seen))), 10_000, 'the stats');
      seen = output.length;
      return JSON.parse(match[1]!);
    },
    resetStats: () => child.stdin.write('reset\n'),
    hold: () => child.stdin.write('hold\n'),
    release: () => child.stdin.write('release\n'),
    deploy: (query = '') => fetch(`${hooksUrl}/hooks/deploy${query}`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }),
    status: async () => (await fetch(`${hooksUrl}/status`, { headers: { Authorization: `Bearer ${secret}` } })).json(),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
