import { copyFile, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { inParallel } from '../lib/in-parallel.js';
import { releaseFiles } from './release-files.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images, fonts and pagefind's index are compressed already. */
export const compressibleExtensions = new Set(['.html', '.css', '.js', '.mjs', '.xml', '.json', '.csv', '.svg', '.txt', '.webmanifest']);
const minimumBytes = 1024;

/**
 * Brotli's best level, 11, costs 34 ms for an article page of 17 KB, level 10 14 ms for 2 %
 * more bytes (3,649 against 3,571): 11 took minutes of a first release at 10,000 articles,
 * and a third of a second of every edit's. Big files (a sitemap of 10,000 articles is 1.3 MB
 * and is written at every release) take level 8: 30 ms and 26,163 bytes for that sitemap,
 * where level 9 took 200 ms for 26,242 bytes, 10 1.1 s and 11 3 s.
 */
const brotliQuality = (bytes: number) => (bytes <= 256 * 1024 ? 10 : 8);
/**
 * A mass rewrite (a settings edit re-renders every page) is compressed at brotli 6 first:
 * 0.4 ms for that 17 KB page instead of 9, for 8 % more bytes; `upgradeVariants` brings the
 * variants to the final level after the swap, while the publisher is idle.
 */
const FAST_BROTLI = 6;
/** `final`: the levels above; `fast`: a mass rewrite's, upgraded later. */
export type CompressionLevel = 'final' | 'fast';
const concurrency = 8;
const variants = ['.br', '.gz'] as const;

const readOrNothing = (file: string) => readFile(file).catch(() => undefined);
const statOrNothing = (file: string) => stat(file).catch(() => undefined);

/** A file an incremental build hard-linked from the live release: its variants came with it. */
async function linkedVariants(file: string, previous: string): Promise<number | undefined> {
  const [mine, theirs] = await Promise.all([stat(file), statOrNothing(previous)]);
  if (!theirs || mine.ino !== theirs.ino || mine.dev !== theirs.dev) return undefined;
  const present = await Promise.all(variants.map((suffix) => statOrNothing(file + suffix)));
  return present.filter(Boolean).length;
}

/** Both variants of `content` at `level`. */
const encode = (content: Buffer, level: CompressionLevel) =>
  Promise.all([
    brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: level === 'fast' ? FAST_BROTLI : brotliQuality(content.length), [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    gzipAsync(content, { level: 9 }),
  ]);

/**
 * Brotli at its best level costs ~10 ms a page; most pages are the same as in the live
 * release, so their variants are copied from it instead. Returns how many variants exist.
 */
async function compress(file: string, content: Buffer, previous: string | undefined, level: CompressionLevel): Promise<number> {
  if (previous && (await readOrNothing(previous))?.equals(content)) {
    const copied = await Promise.all(variants.map((suffix) => copyFile(previous + suffix, file + suffix).then(() => 1, () => 0)));
    // The previous release skipped a variant that did not pay off: skipping it again is right.
    return copied.reduce<number>((sum, n) => sum + n, 0);
  }
  const [br, gz] = await encode(content, level);
  // A variant no smaller than the original would only cost CPU at the client.
  let written = 0;
  for (const [suffix, data] of [['.br', br], ['.gz', gz]] as const) {
    if (data.length < content.length) {
      await writeFile(file + suffix, data);
      written += 1;
    }
  }
  return written;
}

/**
 * Writes `.br` and `.gz` next to every text file over 1 KB, so serving costs no CPU;
 * `previousRelease` (the live one) lends the variants of unchanged files. With `only`
 * (paths relative to the release), just those files are looked at. Returns how many.
 */
export async function precompress(releaseDir: string, previousRelease?: string, only?: readonly string[], level: CompressionLevel = 'final'): Promise<number> {
  const queue: string[] = [];
  const candidates = only ? only.map((file) => path.join(releaseDir, file)) : releaseFiles(releaseDir);
  for await (const file of candidates) {
    if (compressibleExtensions.has(path.extname(file).toLowerCase())) queue.push(file);
  }
  let written = 0;
  await inParallel(queue, concurrency, async (file) => {
    const previous = previousRelease && path.join(previousRelease, path.relative(releaseDir, file));
    // Copying a variant over its own hard link would empty it in the live release too.
    const linked = previous ? await linkedVariants(file, previous) : undefined;
    if (linked !== undefined) {
      written += linked;
      return;
    }
    const content = await readFile(file);
    if (content.length < minimumBytes) return;
    // Awaited before adding: `written += await …` would read `written` before the wait.
    const variantCount = await compress(file, content, previous, level);
    written += variantCount;
  });
  return written;
}

/**
 * Brings the variants of `files` (relative to the release, compressed at the `fast` level)
 * to the final level, one file at a time, each variant renamed into place: a reader gets the
 * old variant or the new one, both whole. Stops between two files once `signal` aborts;
 * returns the files it did not get to.
 */
export async function upgradeVariants(releaseDir: string, files: readonly string[], signal: AbortSignal): Promise<string[]> {
  for (const [i, relative] of files.entries()) {
    if (signal.aborted) return files.slice(i);
    const file = path.join(releaseDir, relative);
    const content = await readOrNothing(file);
    if (!content || content.length < minimumBytes) continue;
    const encoded = await encode(content, 'final');
    for (const [j, suffix] of variants.entries()) {
      const data = encoded[j]!;
      if (!(await statOrNothing(file + suffix)) || data.length >= content.length) continue;
      const temporary = `${file}${suffix}.upgrade`;
      await writeFile(temporary, data);
      await rename(temporary, file + suffix);
    }
  }
  return [];
}
