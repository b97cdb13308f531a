import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/paths.js';

/**
 * `npm run setup` on a copy of the script, whose repo root (and so .env) is a scratch folder:
 * the repository's own .env is never touched.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'portal-setup-env-'));
mkdirSync(path.join(scratch, 'scripts', 'lib'), { recursive: true });
copyFileSync(path.join(repoRoot, 'scripts', 'setup-env.ts'), path.join(scratch, 'scripts', 'setup-env.ts'));
copyFileSync(path.join(repoRoot, 'scripts', 'lib', 'paths.ts'), path.join(scratch, 'scripts', 'lib', 'paths.ts'));
const envFile = path.join(scratch, '.env');

function setup() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/SECRET|SALT|KEY/.test(name)));
  const run = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(scratch, 'scripts', 'setup-env.ts')], { cwd: scratch, env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('npm run setup and the mode of .env', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes a new .env readable by its owner only', () => {
    rmSync(envFile, { force: true });
    setup();
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(envFile, 'utf8')).toMatch(/^ADMIN_JWT_SECRET=\S{32}/m);
  });

  it.each(['644', '666', '640', '604'])('makes an existing .env of mode %s readable by its owner only, its content kept', (mode) => {
    writeFileSync(envFile, readFileSync(envFile, 'utf8'));
    chmodSync(envFile, Number.parseInt(mode, 8));
    const before = readFileSync(envFile, 'utf8');
    expect(setup()).toContain('mode 600');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(envFile, 'utf8')).toBe(before);
  });
});
