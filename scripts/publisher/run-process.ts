import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export interface RunProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Receives stdout and stderr; left open for the next step. */
  output: Writable;
  /** Aborting kills the whole process group; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How long SIGTERM has before SIGKILL follows. */
  graceMs?: number;
  /** Names the step in error messages ("astro build exited with code 1"). */
  label: string;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Runs one build step in its own process group, so a timeout or shutdown kills what it
 * spawned too (astro's workers, pagefind's binary), and nothing it leaves behind outlives it.
 */
export function runProcess(command: string, args: string[], options: RunProcessOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(options.output, { end: false });
    child.stderr.pipe(options.output, { end: false });

    let graceTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      graceTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), options.graceMs ?? 5000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      clearTimeout(graceTimer);
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    });
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`${options.label} could not start: ${error.message}`));
    });
    // 'close' comes after the pipes drained, so the log holds the step's last words.
    child.on('close', () => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) reject(options.signal.reason);
      else if (exit?.code === 0) resolve();
      else if (exit?.signal) reject(new Error(`${options.label} was killed (${exit.signal})`));
      else reject(new Error(`${options.label} exited with code ${exit?.code}`));
    });
  });
}
