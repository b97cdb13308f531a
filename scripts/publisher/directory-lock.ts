import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * One publisher per PUBLISHER_DIR: a second one would clean the first one's staging and swap
 * `current` under it. `publisher.lock` is created with O_EXCL and holds the owner's pid and
 * its process start time (from /proc: a pid reused by another process after a crash does not
 * keep the lock). A lock whose owner is gone is taken over at once, so a publisher killed
 * with SIGKILL restarts without waiting for a timeout; that is why this is not
 * proper-lockfile, whose staleness is an mtime refreshed on a timer.
 */
const ownerSchema = z.object({
  pid: z.number().int().positive(),
  /** Clock ticks after boot, field 22 of /proc/<pid>/stat; null where there is no /proc. */
  processStart: z.string().nullable(),
  hostname: z.string(),
  startedAt: z.string(),
});
type Owner = z.infer<typeof ownerSchema>;

export class DirectoryLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: Owner,
  ) {
    super(
      `PUBLISHER_DIR ${dir} is in use by another publisher (pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt}): ` +
        `stop it first, or give this one another PUBLISHER_DIR. Nothing in the folder was touched.`,
    );
    this.name = 'DirectoryLockedError';
  }
}

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(owner: Owner): boolean {
  if (owner.hostname !== os.hostname()) return true; // another machine's process cannot be checked: keep out
  if (owner.pid === process.pid) return false; // our own pid from an earlier life (a container restarts at the same pid)
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStart(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

export interface DirectoryLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Takes the lock on `dir` (creating the folder), or throws DirectoryLockedError naming the owner. */
export async function lockDirectory(dir: string): Promise<DirectoryLock> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'publisher.lock');
  const me: Owner = { pid: process.pid, processStart: processStart(process.pid), hostname: os.hostname(), startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockedOr(error, dir, await readOwner(file));
    }
    const owner = await readOwner(file);
    // An unreadable lock is one being written this instant, or one a crash cut short; a young one is respected.
    if (owner === undefined) throw new DirectoryLockedError(dir, unknownOwner);
    if (owner !== null && alive(owner)) throw new DirectoryLockedError(dir, owner);
    // Stale: moved aside in one step, then looked at again. A racer that took it over first may
    // have put its own lock there meanwhile: that one goes back and we keep out.
    const aside = `${file}.stale-${process.pid}`;
    if (owner !== null) {
      const moved = await rename(file, aside).then(() => readOwner(aside), () => null);
      if (moved && (moved.pid !== owner.pid || moved.startedAt !== owner.startedAt)) {
        await link(aside, file).catch(() => {});
        await unlink(aside).catch(() => {});
        throw new DirectoryLockedError(dir, moved);
      }
      await unlink(aside).catch(() => {});
    } else {
      await unlink(file).catch(() => {});
    }
  }
  return {
    file,
    async release() {
      const owner = await readOwner(file);
      if (owner && owner.pid === me.pid && owner.startedAt === me.startedAt) await unlink(file).catch(() => {});
    },
  };
}

const unknownOwner: Owner = { pid: 1, processStart: null, hostname: 'unknown', startedAt: 'just now' };

function lockedOr(error: unknown, dir: string, owner: Owner | null | undefined): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return error;
  return new DirectoryLockedError(dir, owner ?? unknownOwner);
}

/** The owner; null when the file is gone or garbage older than a few seconds; undefined when it may still be being written. */
async function readOwner(file: string): Promise<Owner | null | undefined> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(content));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: not JSON
  }
  const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => Infinity);
  return age > 5_000 ? null : undefined;
}
