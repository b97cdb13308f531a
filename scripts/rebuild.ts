/**
 * `npm run rebuild [-- --clear-cache]`: asks the running publisher for a build (its deploy
 * hook, as source 'cli'), follows it on /status, prints the outcome. Exits 0 once the
 * build that carried this request is live, 1 when it failed or did not finish in time.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { rebuildCliConfig } from './publisher/config.js';

const { values } = parseArgs({
  options: {
    'clear-cache': { type: 'boolean', default: false },
    'timeout-minutes': { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '1000' },
  },
});
const options = z
  .object({ 'clear-cache': z.boolean(), 'timeout-minutes': z.coerce.number().positive(), 'poll-ms': z.coerce.number().int().positive() })
  .parse(values);
const { secret, publisherUrl } = rebuildCliConfig();
const auth = { Authorization: `Bearer ${secret}` };

const acceptedSchema = z.object({ queued: z.literal(true), reason: z.string(), trigger: z.object({ id: z.string() }) });
const withTriggers = z.object({ trigger: z.array(z.object({ id: z.string() })) });
const statusSchema = z.object({
  building: withTriggers.extend({ id: z.string() }).nullable(),
  pending: z.array(z.object({ id: z.string() })),
  nextBuildAt: z.string().nullable(),
  nextAttempt: z.number(),
  history: z.array(
    withTriggers.extend({
      id: z.string(),
      ok: z.boolean(),
      error: z.string().nullable(),
      durationMs: z.number(),
      log: z.string(),
      deploy: z.object({ ok: z.boolean(), error: z.string().nullable() }).optional(),
    }),
  ),
});

async function call(path: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${publisherUrl}${path}`, { ...init, headers: auth });
  } catch (error) {
    console.error(`The publisher does not answer at ${publisherUrl} (${(error as Error).cause ?? (error as Error).message}). Start it with: npm run publisher`);
    process.exit(1);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    console.error(`The publisher answered ${response.status} to ${path}: ${JSON.stringify(body)}`);
    process.exit(1);
  }
  return body;
}

const accepted = acceptedSchema.parse(await call(`/hooks/deploy?source=cli${options['clear-cache'] ? '&clear_cache=1' : ''}`, { method: 'POST' }));
const mine = accepted.trigger.id;
console.log(`Queued: ${accepted.reason}.`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const deadline = Date.now() + options['timeout-minutes'] * 60_000;
let said = '';
const say = (line: string) => {
  if (line !== said) console.log(line);
  said = line;
};

while (Date.now() < deadline) {
  const status = statusSchema.parse(await call('/status'));
  const carried = (build: z.infer<typeof withTriggers>) => build.trigger.some((t) => t.id === mine);
  const done = status.history.find(carried);
  if (done?.ok) {
    console.log(`Live: release ${done.id}, built in ${seconds(done.durationMs)}.`);
    if (done.deploy && !done.deploy.ok) console.log(`Warning: DEPLOY_COMMAND failed: ${done.deploy.error}`);
    process.exit(0);
  }
  if (done) {
    console.error(`Failed: build ${done.id} after ${seconds(done.durationMs)}: ${done.error}`);
    console.error(`Log: ${done.log} (under PUBLISHER_DIR)`);
    if (status.pending.some((t) => t.id === mine) && status.nextBuildAt) {
      console.error(`The publisher retries (attempt ${status.nextAttempt}) at ${status.nextBuildAt}; follow it on ${publisherUrl}/`);
    }
    process.exit(1);
  }
  if (status.building && carried(status.building)) say(`Building release ${status.building.id}…`);
  else if (status.pending.some((t) => t.id === mine)) say(`Waiting for the quiet window: the build starts at ${status.nextBuildAt ?? 'soon'}…`);
  await sleep(options['poll-ms']);
}
console.error(`No result after ${options['timeout-minutes']} minutes; see ${publisherUrl}/`);
process.exit(1);
