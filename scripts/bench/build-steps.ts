import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STEP_LINE } from '../publisher/build-step.js';

/** Seconds per step of every incremental build a publisher logged, from its `step <name>: <n> s` lines. */
export function incrementalSteps(publisherDir: string): Record<string, number[]> {
  const logs = path.join(publisherDir, 'publisher', 'logs');
  const steps: Record<string, number[]> = {};
  for (const name of readdirSync(logs).sort()) {
    const log = readFileSync(path.join(logs, name), 'utf8');
    if (!/^incremental build:/m.test(log)) continue;
    for (const [, step, value] of log.matchAll(STEP_LINE)) (steps[step!] ??= []).push(Number(value) * 1000);
  }
  return steps;
}
