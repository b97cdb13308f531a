/**
 * Pagefind's index of a built site, one shard per year (search-shards.ts), through Pagefind's
 * Node API:
 *
 *   pagefind/                 pagefind.js, pagefind-ui.js/.css, … (the same for every shard)
 *   pagefind/shards.json      the shards, newest first (scripts/search.js merges them)
 *   pagefind/<year>/          one shard's index: entry, meta, wasm, index/, fragment/
 *
 * Given the previous build's membership and the pages that changed since, only the shards
 * those pages left or joined are written again; the others are kept as they are.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { membersOf, pageFile, pageUrl, shardNames, shardOf, type Membership } from './search-shards.js';

export interface SearchIndexChange {
  /** Which shard each page was in, for the release the changes apply to. */
  previous: Membership;
  /** URL paths of the pages written or removed since. */
  pages: Iterable<string>;
}

export interface SearchIndexResult {
  membership: Membership;
  /** The shards written by this run. */
  written: string[];
  /** The files written by this run, relative to the site. */
  files: string[];
}

const BUNDLE = 'pagefind';
const SHARD_LIST = 'shards.json';
const SKIPPED_DIRS = new Set([BUNDLE, '_astro']);

/** Pagefind's scripts and styles sit at the bundle's root; everything else is a shard's data. */
const isAsset = (file: string) => !file.includes('/') && /\.(js|css)$/.test(file);

async function* htmlFiles(root: string, dir = root): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !(dir === root && SKIPPED_DIRS.has(entry.name))) yield* htmlFiles(root, path.join(dir, entry.name));
    else if (entry.isFile() && entry.name === 'index.html') yield path.relative(root, path.join(dir, entry.name));
  }
}

const readPage = (siteDir: string, url: string) => readFile(path.join(siteDir, pageFile(url)), 'utf8').catch(() => undefined);

function check<T extends { errors: string[] }>(response: T, what: string): T {
  if (response.errors.length > 0) throw new Error(`search index, ${what}: ${response.errors.join('; ')}`);
  return response;
}

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
  const written: string[] = [];
  for (const [file, content] of wanted) {
    if (await sameBytes(file, content)) continue;
    await replaceFile(file, content);
    written.push(file);
  }
  return written;
}

/** Slugs are ASCII by design (đ→d); anything else would need escaping in a glob. */
const GLOB_SAFE = /^\/[\w\-./]*$/;

/**
 * Indexes one shard's pages and writes its data. Pagefind reads the files itself, in
 * parallel, from a glob naming every member; the same files give the same bytes whatever
 * order the folder lists them in.
 */
async function writeShard(siteDir: string, shard: string, urls: string[], withAssets: boolean): Promise<string[]> {
  const bundleDir = path.join(siteDir, BUNDLE);
  const shardDir = path.join(bundleDir, shard);
  for (const url of urls) {
    if (!GLOB_SAFE.test(url)) throw new Error(`search index, shard ${shard}: page ${url} has characters a page path should not have`);
    if (!existsSync(path.join(siteDir, pageFile(url)))) throw new Error(`search index, shard ${shard}: page ${url} is missing`);
  }
  const { index } = check(await pagefind.createIndex({}), `shard ${shard}`);
  if (!index) throw new Error(`search index, shard ${shard}: Pagefind gave no index`);
  try {
    if (urls.length > 0) {
      const added = check(await index.addDirectory({ path: siteDir, glob: `{${urls.map(pageFile).join(',')}}` }), `shard ${shard}`);
      if (added.page_count !== urls.length) throw new Error(`search index, shard ${shard}: ${added.page_count} of ${urls.length} pages indexed`);
    }
    const { files } = check(await index.getFiles(), `shard ${shard}`);
    const data = urls.length > 0 ? files.filter((file) => !isAsset(file.path)) : [];
    const assets = files.filter((file) => isAsset(file.path));
    return [
      ...(await syncBundleFiles(shardDir, data, () => false)),
      // The bundle's root holds the shards' folders and the shard list besides the assets.
      ...(withAssets ? await syncBundleFiles(bundleDir, assets, (file) => path.dirname(file) !== bundleDir || path.basename(file).startsWith(SHARD_LIST)) : []),
    ];
  } finally {
    await index.deleteIndex();
  }
}

/** Every searchable page of the site and its shard, read from the pages themselves. */
async function scanSite(siteDir: string): Promise<Membership> {
  const membership: Membership = {};
  for await (const file of htmlFiles(siteDir)) {
    const shard = shardOf(await readFile(path.join(siteDir, file), 'utf8'));
    if (shard) membership[pageUrl(file)] = shard;
  }
  return membership;
}

/** Applies the changed pages to the previous membership; returns the shards they touch. */
async function applyChange(siteDir: string, change: SearchIndexChange): Promise<{ membership: Membership; touched: Set<string> }> {
  const membership: Membership = { ...change.previous };
  const touched = new Set<string>();
  for (const url of change.pages) {
    const before = membership[url];
    if (before) touched.add(before);
    const html = await readPage(siteDir, url);
    const after = html === undefined ? undefined : shardOf(html);
    if (after) {
      membership[url] = after;
      touched.add(after);
    } else delete membership[url];
  }
  return { membership, touched };
}

/**
 * Writes the search index of the site in `siteDir`: every shard, or with `change` the
 * shards it touches (the rest must already be there, as the previous build left them).
 */
export async function buildSearchIndex(siteDir: string, change?: SearchIndexChange, signal?: AbortSignal): Promise<SearchIndexResult> {
  const fresh = !change || !existsSync(path.join(siteDir, BUNDLE, 'pagefind.js'));
  const { membership, touched } = change && !fresh ? await applyChange(siteDir, change) : { membership: await scanSite(siteDir), touched: undefined };
  if (fresh) await rm(path.join(siteDir, BUNDLE), { recursive: true, force: true });
  const shards = shardNames(membership);
  const toWrite = touched ? [...touched].sort() : shards;
  const files: string[] = [];
  const onAbort = () => void pagefind.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // An empty site still needs the scripts the search page loads.
    if (fresh && shards.length === 0) files.push(...(await writeShard(siteDir, '', [], true)));
    for (const [i, shard] of toWrite.entries()) {
      signal?.throwIfAborted();
      files.push(...(await writeShard(siteDir, shard, membersOf(membership, shard), fresh && i === 0)));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pagefind.close();
  }
  const list = path.join(siteDir, BUNDLE, SHARD_LIST);
  const listed = Buffer.from(`${JSON.stringify(shards)}\n`);
  if (!(await sameBytes(list, listed))) {
    await replaceFile(list, listed);
    files.push(list);
  }
  return { membership, written: toWrite, files: files.map((file) => path.relative(siteDir, file)) };
}
