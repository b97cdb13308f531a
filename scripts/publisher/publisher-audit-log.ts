/**
 * The publisher's audit log, `PUBLISHER_DIR/audit.jsonl`: releases, failed builds, rollbacks
 * and deploy-hook calls, one JSON line each, hash-chained like the CMS's
 * (`cms/src/audit/audit-chain.ts`), so `npm run audit -- --verify` names a line that was
 * altered or removed. A file rather than the CMS's table: the publisher has no database and
 * must keep recording while the CMS is down. The running publisher and `npm run rollback`
 * may append at the same moment; proper-lockfile serialises them across processes (the
 * critical section is one tail read and one append).
 */
import { mkdir, open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { chainHash, GENESIS_HASH, type AuditContent, type AuditRecord } from '../../cms/src/audit/audit-chain.js';

export const PUBLISHER_AUDIT_FILE = 'audit.jsonl';

export const auditRecordSchema = z
  .object({
    id: z.number().int().positive(),
    at: z.string(),
    actor: z.string(),
    actorKind: z.enum(['admin', 'api-token', 'anonymous', 'system', 'scheduler', 'seed', 'script', 'restore', 'publisher']),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    detail: z.string(),
    clientAddress: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .strict();

/** A line of the file that is not an entry: a hand edit or a torn write. */
export class AuditLineError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line} of ${PUBLISHER_AUDIT_FILE} is not an audit entry (${reason})`);
    this.name = 'AuditLineError';
  }
}

function parseLine(text: string, line: number): AuditRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AuditLineError(line, 'not JSON');
  }
  const parsed = auditRecordSchema.safeParse(raw);
  if (!parsed.success) throw new AuditLineError(line, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}

/** Every entry in file order; throws AuditLineError at the first line that is not one. */
export async function* readPublisherAuditLog(publisherDir: string): AsyncGenerator<AuditRecord> {
  const file = path.join(publisherDir, PUBLISHER_AUDIT_FILE);
  try {
    await stat(file);
  } catch {
    return;
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() !== '') yield parseLine(text, number);
  }
}

const TAIL_CHUNK = 64 * 1024;

/** The last entry, read from the end of the file (it grows for years; the head is never needed). */
async function lastEntry(file: string): Promise<AuditRecord | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return null;
    for (let length = Math.min(size, TAIL_CHUNK); ; length = Math.min(size, length * 2)) {
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const text = buffer.toString('utf8').replace(/\n+$/, '');
      const cut = text.lastIndexOf('\n');
      if (length === size && text === '') return null;
      if ((cut >= 0 && text.slice(cut + 1) !== '') || length === size) return parseLine(text.slice(cut + 1), -1);
    }
  } finally {
    await handle.close();
  }
}

export type PublisherAuditEvent = Omit<AuditContent, 'at' | 'detail'> & { detail?: Record<string, unknown> };

/** Appends entries to one PUBLISHER_DIR's log; appends from one process are queued in order. */
export class PublisherAuditLog {
  readonly file: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly publisherDir: string) {
    this.file = path.join(publisherDir, PUBLISHER_AUDIT_FILE);
  }

  append(event: PublisherAuditEvent): Promise<AuditRecord> {
    const next = this.#queue.then(() => this.#append(event));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #append(event: PublisherAuditEvent): Promise<AuditRecord> {
    await mkdir(this.publisherDir, { recursive: true });
    // The lock is a directory beside the file, so the file need not exist yet.
    const release = await lockfile.lock(this.file, { realpath: false, stale: 10_000, retries: { retries: 50, minTimeout: 5, maxTimeout: 200 } });
    try {
      const last = await lastEntry(this.file);
      const content: AuditContent = { ...event, at: new Date().toISOString(), detail: JSON.stringify(event.detail ?? {}) };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const record: AuditRecord = { ...content, id: (last?.id ?? 0) + 1, prevHash, hash: chainHash(prevHash, content) };
      const handle = await open(this.file, 'a', 0o640);
      try {
        await handle.writeFile(`${JSON.stringify(record)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return record;
    } finally {
      await release();
    }
  }
}
