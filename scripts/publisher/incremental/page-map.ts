import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Beside every release the publisher keeps its page map: one file per dynamic route from the
 * site build (path → digest of what the page shows; site/src/lib/page-inputs.ts), a stamp
 * saying which templates built it and when the last full build under it ran, and the posting
 * quarter of every searchable page, which makes its search shard (site/search/search-shards.ts).
 */
const stampSchema = z.object({ sourceHash: z.string(), fullBuildAt: z.string() });
export type PageMapStamp = z.infer<typeof stampSchema>;

// Not .json files: the site build reads every .json file of a map as a route's pages.
const STAMP = 'release.stamp';
const SEARCH_QUARTERS = 'search.quarters';

export const pageMapDir = (publisherDir: string, releaseId: string) => path.join(publisherDir, 'publisher', 'page-maps', releaseId);

export async function readStamp(dir: string): Promise<PageMapStamp | undefined> {
  const file = path.join(dir, STAMP);
  if (!existsSync(file)) return undefined;
  return stampSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

export async function writeStamp(dir: string, stamp: PageMapStamp): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, STAMP), `${JSON.stringify(stamp)}\n`);
}

/** Which quarter each searchable page of the release was posted in (site/search/). */
export async function readSearchQuarters(dir: string): Promise<Record<string, string> | undefined> {
  const file = path.join(dir, SEARCH_QUARTERS);
  if (!existsSync(file)) return undefined;
  return z.record(z.string()).parse(JSON.parse(await readFile(file, 'utf8')));
}

export async function writeSearchQuarters(dir: string, quarters: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, SEARCH_QUARTERS), JSON.stringify(quarters));
}

/** Every dynamic route's page the map lists, as URL paths (`/tin-tuc/a/`). */
export async function mappedPages(dir: string): Promise<Set<string>> {
  const pages = new Set<string>();
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.endsWith('.json')) continue;
    const digests = z.record(z.string()).parse(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
    for (const page of Object.keys(digests)) pages.add(page);
  }
  return pages;
}

/** Drops the maps of releases that were pruned. */
export async function pruneMaps(publisherDir: string, releases: readonly string[]): Promise<void> {
  const root = path.dirname(pageMapDir(publisherDir, 'x'));
  const keep = new Set(releases);
  for (const id of await readdir(root).catch(() => [])) {
    if (!keep.has(id)) await rm(path.join(root, id), { recursive: true, force: true });
  }
}
