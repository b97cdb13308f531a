import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

const cmsDir = path.join(repoRoot, 'cms');
const inputs = ['src', 'config', 'package.json', 'tsconfig.json'];

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const child of readdirSync(entry).sort()) yield* files(path.join(entry, child));
  } else {
    yield entry;
  }
}

/** A hash of everything `strapi build` reads, so `npm start` rebuilds the admin only when it changed. */
export function cmsSourceHash(): string {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of files(path.join(cmsDir, input))) {
      hash.update(path.relative(cmsDir, file)).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export const cmsStampFile = path.join(cmsDir, 'dist', '.source-hash');
export const cmsBuildIsFresh = () =>
  existsSync(path.join(cmsDir, 'dist', 'build', 'index.html')) &&
  existsSync(cmsStampFile) &&
  readFileSync(cmsStampFile, 'utf8') === cmsSourceHash();
