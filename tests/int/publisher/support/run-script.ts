import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../../../scripts/lib/paths.js';

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

/** Runs a repo script with tsx, as `npm run` would, with exactly the given environment on top of PATH. */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(repoRoot, script), ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
