import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';

/** Compiles the CMS server code (not the admin panel) once, as `strapi build` would. */
export default function setup(): void {
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', path.join(repoRoot, 'cms')], { stdio: 'inherit' });
}
