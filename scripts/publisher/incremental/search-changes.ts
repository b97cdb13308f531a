import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pageUrl, searchChanged } from '../../../site/search/search-shards.js';
import { inParallel } from '../../lib/in-parallel.js';

const readOrNothing = (file: string) => readFile(file, 'utf8').catch(() => undefined);

/**
 * Of the pages an incremental build rendered (files relative to the release), the URL paths
 * whose search record changed from the live release's: a settings edit renders every page
 * again and changes none, so no shard is written for it.
 */
export async function searchChanges(releaseDir: string, liveDir: string, rendered: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  await inParallel(rendered, 16, async (file) => {
    const [before, after] = await Promise.all([readOrNothing(path.join(liveDir, file)), readOrNothing(path.join(releaseDir, file))]);
    if (searchChanged(before, after)) changed.push(pageUrl(file));
  });
  return changed.sort();
}
