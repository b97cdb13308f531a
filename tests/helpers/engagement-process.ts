import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';
import { waitFor } from '../int/publisher/support/harness.js';

export interface EngagementProcess {
  url: string;
  pid: number;
  output(): string;
  /** SIGTERM, as a service manager stops it (it flushes first). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void>;
}

export const TEST_ENGAGEMENT_SECRET = 'engagement-test-secret-0123456789abcdef';

export interface ManifestPageRow {
  key: string;
  path: string;
  title: string;
  views?: number;
}

/** A publisher directory whose live release lists these pages, as the site build writes them. */
export function publisherDirWithPages(pages: ManifestPageRow[], dir = mkdtempSync(path.join(os.tmpdir(), 'portal-engagement-'))): string {
  const release = path.join(dir, 'releases', `r${Date.now()}${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(release, { recursive: true });
  writeFileSync(path.join(release, 'engagement-pages.json'), JSON.stringify({ version: 1, pages }));
  // Swapped like the publisher does: a new link renamed over `current`.
  const link = path.join(dir, `current.${process.pid}.tmp`);
  symlinkSync(path.relative(dir, release), link);
  renameSync(link, path.join(dir, 'current'));
  return dir;
}

/** `npm run engagement` as a process (`node --import tsx scripts/engagement/main.ts`) on a free port. */
export async function startEngagementProcess(env: Record<string, string>): Promise<EngagementProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/engagement/main.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ENGAGEMENT_SECRET: TEST_ENGAGEMENT_SECRET, ENGAGEMENT_PORT: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const match = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the engagement service exited: ${output}`);
      return /listening on (http:\/\/[^/\s]+)\/tuong-tac\//.exec(output);
    },
    30_000,
    'the engagement service to listen',
  );
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return { url: match[1]!, pid: child.pid!, output: () => output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
