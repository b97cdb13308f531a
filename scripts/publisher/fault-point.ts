/**
 * Test-only: with PUBLISHER_FAULT_PAUSE=<name> (or <name>@<n>: its n-th passage), the
 * publisher stops for good at that point of its work and prints `FAULT-PAUSE <name>` on
 * stderr, so a test can SIGKILL it exactly there (tests/adversarial/publisher-faults-*.test.ts).
 * Unset, as in every real run, it is a resolved promise. Points: `before-swap` (release
 * renamed into releases/, `current` not yet swapped), `during-prune` (a pruned release moved
 * to the trash, the rest not), `state-write` (state.json's temporary file written and
 * synced, not yet renamed).
 */
export type FaultPoint = 'before-swap' | 'during-prune' | 'state-write';

const passages = new Map<FaultPoint, number>();

export function faultPoint(name: FaultPoint): Promise<void> {
  const wanted = process.env.PUBLISHER_FAULT_PAUSE;
  if (!wanted) return Promise.resolve();
  const [point, nth = '1'] = wanted.split('@');
  if (point !== name) return Promise.resolve();
  const passage = (passages.get(name) ?? 0) + 1;
  passages.set(name, passage);
  if (passage !== Number(nth)) return Promise.resolve();
  process.stderr.write(`FAULT-PAUSE ${name}\n`);
  return new Promise(() => {});
}
