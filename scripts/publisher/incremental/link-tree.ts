import { link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * A copy of a release made of hard links: no file is copied, and the copy costs one link per
 * file. Whatever changes in the copy must be replaced (unlink or rename over), never written
 * in place, or the live release would change with it.
 */
export async function linkTree(from: string, to: string): Promise<number> {
  await mkdir(to, { recursive: true });
  let linked = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linked += await linkTree(source, target);
    else if (entry.isFile()) {
      await link(source, target);
      linked += 1;
    }
  }
  return linked;
}
