import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cmsBuildIsFresh, cmsSourceHash, cmsStampFile } from './cms-build-stamp.js';
import { repoRoot } from './paths.js';

/** The output of the last admin build, kept so that its warnings can be checked (and read). */
export const cmsBuildLogFile = path.join(repoRoot, 'cms', 'dist', '.build-log');

/**
 * `strapi build` (server code and admin panel) unless the sources are unchanged since the
 * last one. Its output is echoed when `echo` is set and always saved to cmsBuildLogFile.
 */
export async function buildCmsAdmin(options: { echo?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<'fresh' | 'built'> {
  if (cmsBuildIsFresh()) return 'fresh';
  const build = spawn(path.join(repoRoot, 'node_modules', '.bin', 'strapi'), ['build'], {
    cwd: path.join(repoRoot, 'cms'),
    env: { ENV_PATH: '../.env', ...process.env, ...options.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  for (const stream of [build.stdout, build.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
  }
  const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  if (code !== 0) throw new Error(`strapi build exited with code ${code}:\n${log.slice(-2000)}`);
  writeFileSync(cmsBuildLogFile, log);
  writeFileSync(cmsStampFile, cmsSourceHash());
  return 'built';
}
