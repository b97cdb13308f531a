/**
 * Test-only: with PUBLISHER_FAULT_PAUSE=<name>, the publisher stops for good at that point
 * of its work and prints `FAULT-PAUSE <name>` on stderr, so a test can SIGKILL it exactly
 * there (tests/adversarial/publisher-faults-*.test.ts). Unset, as in every real run, it is
 * a resolved promise. Points: `before-swap` (release renamed into releases/, `current` not
 * yet swapped), `during-prune` (a pruned release moved to the trash, the rest not),
 * `state-write` (state.json's temporary file written and synced, not yet renamed).
 */
export type FaultPoint = 'before-swap' | 'during-prune' | 'state-write';

export function faultPoint(name: FaultPoint): Promise<void> {
  if (process.env.PUBLISHER_FAULT_PAUSE !== name) return Promise.resolve();
  process.stderr.write(`FAULT-PAUSE ${name}\n`);
  return new Promise(() => {});
}
