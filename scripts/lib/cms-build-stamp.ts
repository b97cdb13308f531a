import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';
import { sourceHash } from './source-hash.js';

const cmsDir = path.join(repoRoot, 'cms');

/** A hash of everything `strapi build` reads, so `npm start` rebuilds the admin only when it changed. */
export const cmsSourceHash = () => sourceHash(cmsDir, ['src', 'config', 'package.json', 'tsconfig.json']);

export const cmsStampFile = path.join(cmsDir, 'dist', '.source-hash');
export const cmsBuildIsFresh = () =>
  existsSync(path.join(cmsDir, 'dist', 'build', 'index.html')) &&
  existsSync(cmsStampFile) &&
  readFileSync(cmsStampFile, 'utf8') === cmsSourceHash();
