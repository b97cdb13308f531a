import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secret } from '../int/publisher/support/harness.js';
import { runScript } from '../int/publisher/support/run-script.js';

/**
 * Guessable secrets (issue 17, part 8): `npm run publisher` with a REBUILD_SECRET or
 * PREVIEW_SECRET under 32 characters does not start, names the variable and the fix, and
 * touches nothing in PUBLISHER_DIR. An empty PREVIEW_SECRET still means "no preview".
 */
describe('npm run publisher with a short secret', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['REBUILD_SECRET', { REBUILD_SECRET: 'x'.repeat(31) }],
    ['REBUILD_SECRET', { REBUILD_SECRET: 'hunter2' }],
    ['PREVIEW_SECRET', { REBUILD_SECRET: secret, PREVIEW_SECRET: 'preview' }],
  ])('refuses a short %s at start, saying how to fix it', async (name, env) => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'var');
    const result = await runScript('scripts/publisher/main.ts', [], { PREVIEW_SECRET: '', PUBLISHER_DIR: dir, PUBLIC_PORT: '0', PUBLISHER_PORT: '0', ...env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${name} is shorter than 32 characters: remove it from .env and run npm run setup`);
    expect(existsSync(dir)).toBe(false);
  });
});
