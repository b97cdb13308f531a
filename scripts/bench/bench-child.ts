import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { repoRoot } from '../lib/paths.js';

export interface BenchChild<Ask, Answer> {
  ask(question: Ask): Promise<Answer>;
  stop(): void;
}

/**
 * A part of a bench in its own process that stays up for the whole bench (so it runs warm), asked
 * one question at a time over IPC. `nice` lowers its priority: a load generator that stands for
 * traffic from other machines takes only the CPU the servers leave.
 */
export function startBenchChild<Ask, Answer>(file: string, answer: z.ZodType<Answer>, nice = 0): BenchChild<Ask, Answer> {
  const child = fork(path.join(repoRoot, file), [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (nice) os.setPriority(child.pid!, nice);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    ask: (question) => {
      const next = queue.then(
        () =>
          new Promise<Answer>((resolve, reject) => {
            const answered = (message: unknown) => (child.off('exit', exited), resolve(answer.parse(message)));
            const exited = (code: number | null) => (child.off('message', answered), reject(new Error(`${file} exited with code ${code}`)));
            child.once('message', answered).once('exit', exited);
            child.send(question as object);
          }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    stop: () => void child.kill('SIGTERM'),
  };
}

/** The child's side: when this file is the process's main module, answers each question with `handle`. */
export function serveBenchChild<Ask>(file: string, ask: z.ZodType<Ask>, handle: (question: Ask) => Promise<unknown>): void {
  if (!process.send || !process.argv[1] || path.resolve(process.argv[1]) !== path.join(repoRoot, file)) return;
  process.on('message', async (message) => process.send!(await handle(ask.parse(message))));
}
