/**
 * A reader of the site for the engagement load bench: one page at a light, fixed rate, in its own
 * process that stays up for the whole bench. Its own process so the beacon generator's event loop
 * does not add to the reader's latency; one that stays up so every probe after the first runs warm.
 * Not autocannon: its histogram counts whole milliseconds, and nginx answers this page in less
 * than one, so a ratio of its p99s would divide by 0. Requests leave on a fixed schedule (not
 * after the last answer), so a slow answer cannot hide the ones that would have waited behind it.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { serveBenchChild, startBenchChild } from './bench-child.js';
import { percentile } from './stats.js';

const Probe = z.object({ url: z.string().url(), path: z.string().startsWith('/'), seconds: z.number().positive(), rate: z.number().positive() });
type Probe = z.infer<typeof Probe>;
const Latency = z.object({ p50: z.number(), p99: z.number() });
export type ProbeLatency = z.infer<typeof Latency>;

const file = 'scripts/bench/page-probe-process.ts';

export const startPageProbeProcess = () => startBenchChild<Probe, ProbeLatency>(file, Latency);

/** One GET on a kept-alive socket: milliseconds from sending to the last byte, or undefined when it failed. */
function timedGet(agent: Agent, url: URL): Promise<number | undefined> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200 ? performance.now() - started : undefined));
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

async function probeOnce({ url, path: pathname, seconds, rate }: Probe): Promise<ProbeLatency> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const target = new URL(pathname, url);
  const count = Math.round(seconds * rate);
  const started = performance.now();
  const answers: Array<Promise<number | undefined>> = [];
  for (let i = 0; i < count; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(timedGet(agent, target));
  }
  const times = await Promise.all(answers);
  agent.destroy();
  const ok = times.filter((t): t is number => t !== undefined);
  // A page that failed has no latency: the percentiles of the rest would flatter the front.
  if (ok.length < times.length) throw new Error(`${target.href}: ${times.length - ok.length} of ${times.length} requests failed`);
  return { p50: percentile(ok, 0.5), p99: percentile(ok, 0.99) };
}

serveBenchChild(file, Probe, probeOnce);
