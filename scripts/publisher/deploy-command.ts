import type { Writable } from 'node:stream';
import type { DeployResult } from './build-record.js';
import { runProcess } from './run-process.js';

/**
 * Runs DEPLOY_COMMAND after a release went live (a CDN sync, a cache purge): through
 * /bin/sh, with the release's path as $RELEASE_DIR and as $1. Its failure is reported,
 * never thrown: the local site is already swapped and stays so.
 */
export async function runDeployCommand(command: string, releaseDir: string, options: { output: Writable; signal?: AbortSignal }): Promise<DeployResult> {
  try {
    await runProcess('/bin/sh', ['-c', command, 'deploy-command', releaseDir], {
      env: { ...process.env, RELEASE_DIR: releaseDir },
      output: options.output,
      signal: options.signal,
      label: 'DEPLOY_COMMAND',
    });
    return { ok: true, error: null };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
