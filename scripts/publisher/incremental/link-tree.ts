import { link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { inParallel } from '../../lib/in-parallel.js';

/**
 * Operations in flight at once: enough to keep libuv's four threads busy, and no more, since
 * the public server in the same process waits behind them for every file it serves (10,000
 * folders walked at once delayed its answers by over a second).
 */
const CONCURRENCY = 16;

/**
 * A copy of a release made of hard links: no file is copied, and the copy costs one link per
 * file. Whatever changes in the copy must be replaced (unlink or rename over), never written
 * in place, or the live release would change with it.
 */
export async function linkTree(from: string, to: string): Promise<number> {
  const files: string[] = [];
  // One level of folders at a time: each is made before its children.
  for (let level = ['']; level.length > 0; ) {
    const next: string[] = [];
    await inParallel(level, CONCURRENCY, async (relative) => {
      await mkdir(path.join(to, relative), { recursive: true });
      for (const entry of await readdir(path.join(from, relative), { withFileTypes: true })) {
        if (entry.isDirectory()) next.push(path.join(relative, entry.name));
        else if (entry.isFile()) files.push(path.join(relative, entry.name));
      }
    });
    level = next;
  }
  await inParallel(files, CONCURRENCY, (file) => link(path.join(from, file), path.join(to, file)));
  return files.length;
}
