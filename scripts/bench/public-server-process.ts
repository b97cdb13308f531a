/**
 * The publisher's public server alone, as its own process, for the engagement load bench: the
 * static release of PUBLISHER_DIR, /tuong-tac/ passed to ENGAGEMENT_URL, as `npm start` serves
 * it. Its own process so the load generator does not share its event loop. Prints
 * `listening on http://127.0.0.1:<port>`; SIGTERM ends it.
 */
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../lib/paths.js';
import { silentLog } from '../publisher/log.js';
import { createPublicServer } from '../publisher/public-server.js';
import { applyServerLimits, serverLimitsFromEnv } from '../publisher/server-limits.js';

export interface PublicServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts this file as a process and waits until it listens. */
export async function startPublicServerProcess(publisherDir: string, engagementUrl: string): Promise<PublicServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/public-server-process.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', PUBLISHER_DIR: publisherDir, ENGAGEMENT_URL: engagementUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the public server exited with code ${code}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.join(repoRoot, 'scripts/bench/public-server-process.ts');
if (isMain) {
  const env = z.object({ PUBLISHER_DIR: z.string().min(1), ENGAGEMENT_URL: z.string().url() }).parse(process.env);
  const server = createPublicServer({ publisherDir: env.PUBLISHER_DIR, imageOrigins: [], engagementUrl: env.ENGAGEMENT_URL, log: silentLog });
  // The same limits as the publisher's public port (defaults: 1024 connections, keep-alive 5 s).
  applyServerLimits(server, serverLimitsFromEnv(process.env).public);
  server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
