import { link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { inParallel } from '../../lib/in-parallel.js';

/** Links in flight at once: enough to keep libuv's threads busy, few enough to stay under the fd limit. */
const CONCURRENCY = 64;

/**
 * A copy of a release made of hard links: no file is copied, and the copy costs one link per
 * file. Whatever changes in the copy must be replaced (unlink or rename over), never written
 * in place, or the live release would change with it.
 */
export async function linkTree(from: string, to: string): Promise<number> {
  const files: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    await mkdir(path.join(to, relative), { recursive: true });
    const entries = await readdir(path.join(from, relative), { withFileTypes: true });
    const dirs: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) dirs.push(path.join(relative, entry.name));
      else if (entry.isFile()) files.push(path.join(relative, entry.name));
    }
    await Promise.all(dirs.map(walk));
  };
  await walk('');
  await inParallel(files, CONCURRENCY, (file) => link(path.join(from, file), path.join(to, file)));
  return files.length;
}
