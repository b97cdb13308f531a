import { createHash } from 'node:crypto';

/** Who did it: an admin user, an API token, or a process with no request behind it. */
export type ActorKind = 'admin' | 'api-token' | 'anonymous' | 'system' | 'scheduler' | 'seed' | 'script' | 'restore' | 'publisher';

/** One entry of the audit log, as stored (each column is part of the hash but `id` and `hash`). */
export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  actorKind: ActorKind;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** JSON text: what the entry adds (fields changed, a title, a reason); never a secret. */
  detail: string;
  clientAddress: string | null;
  prevHash: string;
  hash: string;
}

export type AuditContent = Omit<AuditRecord, 'id' | 'prevHash' | 'hash'>;

/** The first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** The entry's hash over the one before it and every stored field, in a fixed order. */
export function chainHash(prevHash: string, entry: AuditContent): string {
  const fields = [prevHash, entry.at, entry.actor, entry.actorKind, entry.action, entry.subjectType, entry.subjectId, entry.detail, entry.clientAddress];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export type ChainVerdict = { ok: true; entries: number; head: string } | { ok: false; entries: number; id: number; reason: string };

/**
 * Walks the entries in id order. An altered entry no longer matches its hash; a deleted one
 * leaves the next entry pointing at a hash that is not the one before it (and a gap in ids).
 */
export async function verifyChain(entries: Iterable<AuditRecord> | AsyncIterable<AuditRecord>): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let prevId = 0;
  let count = 0;
  for await (const entry of entries) {
    count += 1;
    if (entry.id !== prevId + 1) return { ok: false, entries: count, id: entry.id, reason: `entry ${entry.id} follows entry ${prevId}: ${entry.id - prevId - 1} missing` };
    if (entry.prevHash !== prev) return { ok: false, entries: count, id: entry.id, reason: `entry ${entry.id} does not follow the entry before it (its previous hash differs)` };
    if (chainHash(entry.prevHash, entry) !== entry.hash) return { ok: false, entries: count, id: entry.id, reason: `entry ${entry.id} was altered (its content no longer matches its hash)` };
    prev = entry.hash;
    prevId = entry.id;
  }
  return { ok: true, entries: count, head: prev };
}
