import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const child of readdirSync(entry).sort()) yield* files(path.join(entry, child));
  } else {
    yield entry;
  }
}

/** A hash of every file under the inputs (relative to baseDir), and of settings a build bakes in. */
export function sourceHash(baseDir: string, inputs: string[], settings: string[] = []): string {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of files(path.join(baseDir, input))) {
      hash.update(path.relative(baseDir, file)).update(readFileSync(file));
    }
  }
  for (const setting of settings) hash.update(`\0${setting}`);
  return hash.digest('hex');
}

/** Files outside site/ that the site imports (the content-type declarations, the slug rule): a change to them changes pages. */
export const SITE_SHARED_SOURCES = ['cms/src/content-model', 'cms/src/utils/vietnamese-slug.ts'];
