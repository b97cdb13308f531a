import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { faultPoint } from './fault-point.js';
import { releaseIdPattern } from './release-id.js';

/**
 * The files under PUBLISHER_DIR: `releases/<id>/` (complete, checked sites only),
 * `current` → `releases/<id>` (what the public sees), `publisher/staging/<id>/` (builds in
 * progress), `publisher/logs/<id>.log`, `publisher/state.json`, `publisher/trash/` (pruned
 * releases on their way out).
 */
export class ReleaseStore {
  readonly releasesDir: string;
  readonly currentLink: string;
  readonly stagingDir: string;
  readonly logsDir: string;
  readonly stateFile: string;
  readonly trashDir: string;
  readonly #removals = new Set<Promise<void>>();

  constructor(readonly root: string) {
    this.releasesDir = path.join(root, 'releases');
    this.currentLink = path.join(root, 'current');
    this.stagingDir = path.join(root, 'publisher', 'staging');
    this.logsDir = path.join(root, 'publisher', 'logs');
    this.stateFile = path.join(root, 'publisher', 'state.json');
    this.trashDir = path.join(root, 'publisher', 'trash');
  }

  releaseDir(id: string): string {
    return path.join(this.releasesDir, id);
  }

  logFile(id: string): string {
    return path.join(this.logsDir, `${id}.log`);
  }

  async ensureLayout(): Promise<void> {
    await Promise.all([this.releasesDir, this.stagingDir, this.logsDir].map((dir) => mkdir(dir, { recursive: true })));
  }

  /** Release ids, oldest first. */
  async list(): Promise<string[]> {
    const entries = await readdir(this.releasesDir, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isDirectory() && releaseIdPattern.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  /** The live release, or null before the first one. */
  async current(): Promise<{ id: string; since: Date } | null> {
    try {
      const [target, stats] = await Promise.all([readlink(this.currentLink), lstat(this.currentLink)]);
      return { id: path.basename(target), since: stats.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * Points `current` at a release in one step: a new symlink renamed over the old one
   * (rename is atomic; `ln -sf` unlinks first, leaving a moment with no site). The target is
   * relative, so PUBLISHER_DIR can move.
   */
  async swap(id: string): Promise<void> {
    if (!releaseIdPattern.test(id) || !(await this.list()).includes(id)) throw new Error(`No release ${id} in ${this.releasesDir}`);
    const temporary = path.join(this.root, `current.tmp-${id}-${randomBytes(3).toString('hex')}`);
    await symlink(path.join('releases', id), temporary);
    try {
      await rename(temporary, this.currentLink);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Keeps the newest `keep` releases and always the live one; returns the ids removed. */
  async prune(keep: number): Promise<string[]> {
    const current = (await this.current())?.id;
    const doomed = (await this.list()).reverse().slice(keep).filter((id) => id !== current);
    await mkdir(this.trashDir, { recursive: true });
    for (const id of doomed) {
      const trash = path.join(this.trashDir, `${id}-${randomBytes(3).toString('hex')}`);
      await rename(this.releaseDir(id), trash);
      await faultPoint('during-prune');
      this.#removeInBackground(trash);
    }
    return doomed;
  }

  /**
   * A release is some 100,000 files at 10,000 articles. Deleting them from this process
   * would fill libuv's thread pool with unlinks for seconds, and the public server's file
   * reads would wait behind them: `rm` does it in a process of its own.
   */
  #removeInBackground(dir: string): void {
    const removal = new Promise<void>((resolve) => {
      const child = spawn('rm', ['-rf', '--', dir], { stdio: 'ignore' });
      child.on('error', () => void rm(dir, { recursive: true, force: true }).finally(resolve));
      child.on('exit', () => resolve());
    });
    this.#removals.add(removal);
    void removal.finally(() => this.#removals.delete(removal));
  }

  /** Resolves when the pruned releases are gone from the disk. */
  async settled(): Promise<void> {
    await Promise.all([...this.#removals]);
  }

  /** Leftovers of a crash: half-built sites, unrenamed symlinks and state files, pruned releases. */
  async removeLeftovers(): Promise<void> {
    const stateDir = path.dirname(this.stateFile);
    const stateTemporary = `${path.basename(this.stateFile)}.tmp-`;
    for (const name of await readdir(stateDir).catch(() => [])) {
      if (name.startsWith(stateTemporary)) await rm(path.join(stateDir, name), { force: true });
    }
    await rm(this.stagingDir, { recursive: true, force: true });
    for (const name of await readdir(this.trashDir).catch(() => [])) this.#removeInBackground(path.join(this.trashDir, name));
    await mkdir(this.stagingDir, { recursive: true });
    for (const name of await readdir(this.root)) {
      if (name.startsWith('current.tmp-')) await rm(path.join(this.root, name), { force: true });
    }
  }
}
