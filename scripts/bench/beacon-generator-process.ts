/**
 * The view beacons of the engagement load bench, by autocannon, in their own process: its
 * priority can then be lowered (`--generator-nice`), so the generator, which stands for readers
 * on other machines, takes only the CPU the servers leave. Each beacon is a new visitor.
 */
import autocannon from 'autocannon';
import { z } from 'zod';
import { serveBenchChild, startBenchChild } from './bench-child.js';

export const BROWSER = (n: number | string) => `Mozilla/5.0 (X11; Linux x86_64; reader ${n}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36`;

const Run = z.object({
  base: z.string().url(),
  seconds: z.number().positive(),
  connections: z.number().int().positive(),
  /** The address the service will see: the public server puts its peer (127.0.0.1) in X-Forwarded-For, nginx appends to what the reader sent. */
  seenAs: z.enum(['peer', 'forwarded']),
  overallRate: z.number().positive().optional(),
  keys: z.array(z.string()).min(1),
  /** Visitors are numbered from here, so no two runs share one. */
  firstVisitor: z.number().int().nonnegative(),
});
type Run = z.infer<typeof Run>;

const Sent = z.object({ address: z.string(), agent: z.string() });
/** A visitor whose beacon was answered 2xx: the address the service saw and the User-Agent. */
export type Sent = z.infer<typeof Sent>;
const Outcome = z.object({ rate: z.number(), p50: z.number(), p99: z.number(), failed: z.number(), sent: z.array(Sent), nextVisitor: z.number() });
export type BeaconOutcome = z.infer<typeof Outcome>;

const file = 'scripts/bench/beacon-generator-process.ts';

export const startBeaconGenerator = (nice: number) => startBenchChild<Run, BeaconOutcome>(file, Outcome, nice);

async function run({ base, seconds, connections, seenAs, overallRate, keys, firstVisitor }: Run): Promise<BeaconOutcome> {
  const sent: Sent[] = [];
  let n = firstVisitor;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/tuong-tac/xem',
        setupRequest: (request, context) => {
          n += 1;
          const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
          const agent = BROWSER(n);
          (context as { visitor?: Sent }).visitor = { address: seenAs === 'peer' ? '127.0.0.1' : address, agent };
          return {
            ...request,
            headers: { ...request.headers, 'Content-Type': 'text/plain;charset=UTF-8', Origin: base, 'User-Agent': agent, 'X-Forwarded-For': address },
            body: JSON.stringify({ k: keys[n % keys.length] }),
          };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) sent.push((context as { visitor: Sent }).visitor);
        },
      },
    ],
  });
  return { rate: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors, sent, nextVisitor: n };
}

serveBenchChild(file, Run, run);
