import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** What the public server keeps of one path of a release. */
interface Entry {
  /** Undefined: known not to exist. */
  stats?: Stats;
  body?: Buffer;
}

export interface ReleaseFileCacheLimits {
  /** Bytes of file bodies kept in memory, all releases together. */
  maxBytes: number;
  /** Larger files are streamed from disk every time. */
  maxFileBytes: number;
  /** Paths whose stat is kept. */
  maxEntries: number;
}

const DEFAULT_LIMITS: ReleaseFileCacheLimits = { maxBytes: 32 * 1024 * 1024, maxFileBytes: 256 * 1024, maxEntries: 20_000 };

/**
 * The stat and the bytes of release files, read once. A release directory never changes once it
 * is live: a new build is a new directory, and an incremental one replaces files of its own copy
 * by rename before the swap (incremental/link-tree.ts). So a path under a resolved release root
 * names the same bytes for as long as it exists, and each swap brings new paths. A missing path
 * is kept only when the caller says so (a precompressed variant of a file that exists: as many as
 * the release's files), never for a path a request names (it may be anything); least recently used
 * out first.
 */
export class ReleaseFileCache {
  private readonly entries = new Map<string, Entry>();
  private bodyBytes = 0;

  constructor(private readonly limits: ReleaseFileCacheLimits = DEFAULT_LIMITS) {}

  /** The file's stat, or undefined when it does not exist; `keepMissing` remembers that it does not. */
  async stat(file: string, keepMissing = false): Promise<Stats | undefined> {
    return (await this.entry(file, keepMissing))?.stats;
  }

  /** The file's bytes when it is small enough to keep, else undefined (stream it). */
  async body(file: string): Promise<Buffer | undefined> {
    const entry = await this.entry(file);
    if (!entry?.stats?.isFile() || entry.stats.size > this.limits.maxFileBytes) return undefined;
    if (!entry.body) {
      const body = await readFile(file);
      // Read and stat differ only if the file was replaced between them: serve it, keep neither.
      if (body.length !== entry.stats.size) return (this.forget(file), body);
      if (!this.entries.has(file) || entry.body) return body;
      entry.body = body;
      this.bodyBytes += body.length;
      this.trim();
    }
    return entry.body;
  }

  /** Bytes of bodies kept now (for the tests of the limit). */
  get keptBytes(): number {
    return this.bodyBytes;
  }

  private async entry(file: string, keepMissing = false): Promise<Entry | undefined> {
    const kept = this.entries.get(file);
    if (kept) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(file);
      this.entries.set(file, kept);
      return kept;
    }
    const stats = await stat(file).catch(() => undefined);
    if (!stats && !keepMissing) return undefined;
    const existing = this.entries.get(file);
    if (existing) return existing;
    const entry: Entry = { stats };
    this.entries.set(file, entry);
    this.trim();
    return entry;
  }

  private forget(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.bodyBytes -= entry.body?.length ?? 0;
    this.entries.delete(file);
  }

  private trim(): void {
    for (const [file] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bodyBytes <= this.limits.maxBytes) break;
      this.forget(file);
    }
  }
}
