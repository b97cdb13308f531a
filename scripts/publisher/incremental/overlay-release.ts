import { link, mkdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { inParallel } from '../../lib/in-parallel.js';
import { releaseFiles } from '../release-files.js';

const VARIANTS = ['.br', '.gz'];
/** A file is five system calls, each a wait for the disk: several at a time (a settings edit moves every page). */
const CONCURRENCY = 16;

/** Removes `dir` and its parents up to `root` while they are empty. */
async function removeEmptyParents(dir: string, root: string): Promise<void> {
  for (let current = dir; current.startsWith(`${root}${path.sep}`); current = path.dirname(current)) {
    const removed = await rmdir(current).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

/**
 * Moves every file of a partial build into a linked copy of the live release — renamed over
 * the link, with the stale compressed variants unlinked — and removes the pages that are gone
 * (`removedPages`, URL paths). Returns the files written, relative to the release. `link`
 * leaves the partial build whole, for a build that is still reading it: its files are
 * hard-linked in, and moving them later changes nothing more, so a later pass skips them
 * (`linked`, relative to the release).
 */
export async function overlayRelease(
  partialDir: string,
  releaseDir: string,
  removedPages: Iterable<string>,
  how: 'move' | 'link' = 'move',
  linked: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const written: string[] = [];
  for await (const file of releaseFiles(partialDir)) {
    const relative = path.relative(partialDir, file);
    if (!linked.has(relative)) written.push(relative);
  }
  await inParallel(written, CONCURRENCY, async (relative) => {
    const [file, target] = [path.join(partialDir, relative), path.join(releaseDir, relative)];
    await mkdir(path.dirname(target), { recursive: true });
    await Promise.all(VARIANTS.map((suffix) => rm(target + suffix, { force: true })));
    if (how === 'move') await rename(file, target);
    else {
      await rm(target, { force: true });
      await link(file, target);
    }
  });
  for (const page of removedPages) {
    const dir = path.join(releaseDir, ...page.split('/').filter(Boolean));
    if (!dir.startsWith(`${releaseDir}${path.sep}`)) throw new Error(`page ${page} is outside the release`);
    await Promise.all(['index.html', ...VARIANTS.map((suffix) => `index.html${suffix}`)].map((name) => rm(path.join(dir, name), { force: true })));
    await removeEmptyParents(dir, releaseDir);
  }
  return written;
}
