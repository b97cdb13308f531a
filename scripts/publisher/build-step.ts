import type { Writable } from 'node:stream';

/** `step astro: 9.70 s` in a build's log: where a release's seconds go, for whoever runs the server. */
export const STEP_LINE = /^step (.+): ([\d.]+) s$/gm;

export async function timedStep<T>(log: Writable, step: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  log.write(`step ${step}: ${((performance.now() - start) / 1000).toFixed(2)} s\n`);
  return result;
}
