import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib/paths.js';

export interface ScratchCmsProcess {
  url: string;
  /** The site build's read-only token. */
  token: string;
  /** The draft-reading token of the preview. */
  previewToken: string;
  /** A full-access token, for the edits a benchmark makes. */
  writeToken: string;
  stop(): void;
}

/**
 * Starts scripts/bench/scratch-cms.ts with N generated articles and D generated Văn bản (and
 * `env`, e.g. where its webhook goes) and waits until it is ready.
 */
export async function startScratchCmsProcess(articles: number, env: Record<string, string> = {}, documents = 0): Promise<ScratchCmsProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/scratch-cms.ts'), String(articles), String(documents)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<Omit<ScratchCmsProcess, 'stop'>>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`the scratch CMS exited with code ${code}`)));
  });
  return { ...ready, stop: () => child.kill('SIGTERM') };
}
