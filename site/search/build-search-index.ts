/**
 * Pagefind's index of a built site in shards (search-shards.ts: the newest year's quarters,
 * then a shard a year), through Pagefind's Node API:
 *
 *   pagefind/                 pagefind.js, pagefind-ui.js/.css, … (the same for every shard)
 *   pagefind/shards.json      the shards, newest first (scripts/search.js merges them)
 *   pagefind/<shard>/         one shard's index (`2026-q4/`, `2025/`): entry, meta, wasm, index/, fragment/
 *
 * Given the previous build's quarters and the pages that changed since, only the shards
 * whose pages changed, left or joined are written again; the others are kept as they are. A shard
 * whose index was kept from the previous build (kept-shards.ts) only parses its changed
 * pages again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { WITHDRAWN_ROOT } from '../../cms/src/content-model/urls.js';
import { membersOf, pageFile, pageUrl, quarterOf, shardNames, shardsOf, type Membership, type Quarters } from './search-shards.js';
import { ShardIndex } from './shard-index.js';
import type { KeptShards } from './kept-shards.js';

export interface SearchIndexChange {
  /** Which quarter each searchable page was posted in, for the release the changes apply to. */
  previous: Quarters;
  /** URL paths of the pages written or removed since. */
  pages: readonly string[];
}

export interface SearchIndexResult {
  /** Which quarter each searchable page was posted in: the next change's `previous`. */
  quarters: Quarters;
  /** The shards written by this run. */
  written: string[];
  /** Those of them whose kept index took the changes, not parsed again. */
  reused: string[];
  /** The files written by this run, relative to the site. */
  files: string[];
}

const BUNDLE = 'pagefind';
const SHARD_LIST = 'shards.json';
// Withdrawn pages (`/_withdrawn/`) are only ever the 410 of an address that is gone.
const SKIPPED_DIRS = new Set([BUNDLE, '_astro', WITHDRAWN_ROOT.slice(1, -1)]);

/** Pagefind's scripts and styles sit at the bundle's root; everything else is a shard's data. */
const isAsset = (file: string) => !file.includes('/') && /\.(js|css)$/.test(file);

async function* htmlFiles(root: string, dir = root): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !(dir === root && SKIPPED_DIRS.has(entry.name))) yield* htmlFiles(root, path.join(dir, entry.name));
    else if (entry.isFile() && entry.name === 'index.html') yield path.relative(root, path.join(dir, entry.name));
  }
}

const readPage = (siteDir: string, url: string) => readFile(path.join(siteDir, pageFile(url)), 'utf8').catch(() => undefined);

/**
 * Unlinks the file and its compressed variants (`shards.json.gz`) before writing: the
 * folder may be a hard-linked copy of the live site, never to be written through.
 */
async function replaceFile(file: string, content: Uint8Array | string): Promise<void> {
  await removeFile(file);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

/** The compressed variants the publisher writes beside a file (scripts/publisher/precompress.ts). */
const VARIANTS = ['.br', '.gz'];
const VARIANT = /\.(br|gz)$/;

async function removeFile(file: string): Promise<void> {
  await Promise.all(['', ...VARIANTS].map((suffix) => rm(file + suffix, { force: true })));
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else yield file;
  }
}

const sameBytes = async (file: string, content: Uint8Array) =>
  readFile(file).then(
    (bytes) => Buffer.compare(bytes, content) === 0,
    () => false,
  );

/** Files compared between two turns of the event loop: a few milliseconds' work. */
const CHUNK = 256;

/**
 * Which of `files` differ from what is on disk. Read synchronously, a chunk at a time: a
 * shard is some 1,300 small files, which libuv's four threads read ten times slower, and
 * a publisher serving the site in the same process waits for one chunk at most.
 */
async function differing(files: Map<string, Uint8Array>): Promise<string[]> {
  const entries = [...files];
  const changed: string[] = [];
  for (let i = 0; i < entries.length; i += CHUNK) {
    for (const [file, content] of entries.slice(i, i + CHUNK)) {
      let same = false;
      try {
        same = Buffer.compare(readFileSync(file), content) === 0;
      } catch {
        // Not there yet.
      }
      if (!same) changed.push(file);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return changed;
}

/**
 * Makes `dir` hold exactly `files`, writing only those whose bytes differ from what is
 * there: a shard rebuilt for one edited page keeps its other pages' fragments (with the
 * compressed variants beside them) as the live release has them. Returns what it wrote.
 * `keep` says which files already in `dir` are not this bundle's to remove.
 */
async function syncBundleFiles(dir: string, files: pagefind.IndexFile[], keep: (file: string) => boolean): Promise<string[]> {
  if (files.length === 0) {
    await rm(dir, { recursive: true, force: true });
    return [];
  }
  const wanted = new Map(files.map((file) => [path.join(dir, file.path), file.content]));
  for await (const file of filesUnder(dir)) {
    if (!wanted.has(file) && !keep(file) && !(VARIANT.test(file) && wanted.has(file.replace(VARIANT, '')))) await removeFile(file);
  }
  const written = await differing(wanted);
  for (const file of written) await replaceFile(file, wanted.get(file)!);
  return written;
}

/**
 * The shard's kept index brought up to date when the changes fit it, else one made now from
 * the pages; the caller owns it either way.
 */
async function shardIndex(siteDir: string, shard: string, urls: string[], changed: ReadonlySet<string> | undefined, kept: KeptShards | undefined): Promise<{ index: ShardIndex; reused: boolean }> {
  const index = changed && kept?.take(shard);
  if (index) {
    // A kept index that fails (its service ended) goes with everything kept.
    const updated = await index.update(siteDir, urls, changed).catch(() => undefined);
    if (updated) return { index, reused: true };
    if (updated === undefined) await kept!.reset();
    else await index.close();
  }
  const fresh = await ShardIndex.create(shard);
  try {
    await fresh.addAll(siteDir, urls);
  } catch (error) {
    await fresh.close();
    throw error;
  }
  return { index: fresh, reused: false };
}

/** Writes one shard's data (and with `withAssets` Pagefind's scripts); returns the files written. */
async function writeShard(siteDir: string, index: ShardIndex, withAssets: boolean): Promise<string[]> {
  const bundleDir = path.join(siteDir, BUNDLE);
  const files = await index.files();
  const data = index.size > 0 ? files.filter((file) => !isAsset(file.path)) : [];
  const assets = files.filter((file) => isAsset(file.path));
  return [
    ...(await syncBundleFiles(path.join(bundleDir, index.shard), data, () => false)),
    // The bundle's root holds the shards' folders and the shard list besides the assets.
    ...(withAssets ? await syncBundleFiles(bundleDir, assets, (file) => path.dirname(file) !== bundleDir || path.basename(file).startsWith(SHARD_LIST)) : []),
  ];
}

/** Every searchable page of the site and its quarter, read from the pages themselves. */
async function scanSite(siteDir: string): Promise<Quarters> {
  const quarters: Quarters = {};
  for await (const file of htmlFiles(siteDir)) {
    const quarter = quarterOf(await readFile(path.join(siteDir, file), 'utf8'));
    if (quarter) quarters[pageUrl(file)] = quarter;
  }
  return quarters;
}

async function wholeSite(siteDir: string): Promise<{ quarters: Quarters; membership: Membership; touched: undefined }> {
  const quarters = await scanSite(siteDir);
  return { quarters, membership: shardsOf(quarters), touched: undefined };
}

/**
 * Applies the changed pages to the previous quarters; returns the shards to write: those the
 * changed pages were or are in, and those every page of which moves (a new year begins).
 */
async function applyChange(siteDir: string, change: SearchIndexChange): Promise<{ quarters: Quarters; membership: Membership; touched: Set<string> }> {
  const quarters: Quarters = { ...change.previous };
  for (const url of change.pages) {
    const html = await readPage(siteDir, url);
    const quarter = html === undefined ? undefined : quarterOf(html);
    if (quarter) quarters[url] = quarter;
    else delete quarters[url];
  }
  const [before, after] = [shardsOf(change.previous), shardsOf(quarters)];
  const touched = new Set<string>();
  const touch = (url: string) => [before[url], after[url]].forEach((shard) => shard && touched.add(shard));
  change.pages.forEach(touch);
  for (const url of new Set([...Object.keys(before), ...Object.keys(after)])) if (before[url] !== after[url]) touch(url);
  return { quarters, membership: after, touched };
}

export interface SearchIndexOptions {
  /** Aborting ends Pagefind's service, and the run with it. */
  signal?: AbortSignal;
  /**
   * Indexes kept from the release the changes apply to: the shards they touch are brought up
   * to date instead of parsed again, and every index this run writes is kept in turn. Without
   * it, the indexes end with the run.
   */
  kept?: { shards: KeptShards; release: string };
}

/**
 * Writes the search index of the site in `siteDir`: every shard, or with `change` the
 * shards it touches (the rest must already be there, as the previous build left them).
 */
export async function buildSearchIndex(siteDir: string, change?: SearchIndexChange, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const { signal, kept } = options;
  const fresh = !change || !existsSync(path.join(siteDir, BUNDLE, 'pagefind.js'));
  const { quarters, membership, touched } = change && !fresh ? await applyChange(siteDir, change) : await wholeSite(siteDir);
  if (fresh) {
    await rm(path.join(siteDir, BUNDLE), { recursive: true, force: true });
    // A whole index replaces whatever was kept, which would otherwise sit beside it in memory.
    await kept?.shards.reset();
  }
  const shards = shardNames(membership);
  const toWrite = touched ? [...touched].sort() : shards;
  const changed = change && !fresh ? new Set(change.pages) : undefined;
  const files: string[] = [];
  const reused: string[] = [];
  const indexes: ShardIndex[] = [];
  const onAbort = () => void (kept ? kept.shards.reset() : pagefind.close());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // An empty site still needs the scripts the search page loads.
    if (fresh && shards.length === 0) {
      const empty = await ShardIndex.create('');
      indexes.push(empty);
      files.push(...(await writeShard(siteDir, empty, true)));
    }
    for (const [i, shard] of toWrite.entries()) {
      signal?.throwIfAborted();
      const { index, reused: wasKept } = await shardIndex(siteDir, shard, membersOf(membership, shard), changed, kept?.shards);
      indexes.push(index);
      if (wasKept) reused.push(shard);
      files.push(...(await writeShard(siteDir, index, fresh && i === 0)));
    }
  } catch (error) {
    // What the run changed in kept indexes is not any release's: start afresh next time.
    if (kept) await kept.shards.reset();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Pagefind's service is the process's: other runs may keep indexes in it.
    if (!kept) await Promise.all(indexes.map((index) => index.close().catch(() => undefined)));
  }
  if (kept) {
    await Promise.all(indexes.filter((index) => index.size === 0).map((index) => index.close()));
    kept.shards.keep(kept.release, indexes.filter((index) => index.size > 0));
  }
  const list = path.join(siteDir, BUNDLE, SHARD_LIST);
  const listed = Buffer.from(`${JSON.stringify(shards)}\n`);
  if (!(await sameBytes(list, listed))) {
    await replaceFile(list, listed);
    files.push(list);
  }
  return { quarters, written: toWrite, reused, files: files.map((file) => path.relative(siteDir, file)) };
}
