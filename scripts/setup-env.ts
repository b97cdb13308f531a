/**
 * First run: writes the git-ignored .env at the repo root with a random value for every
 * secret. A value that is already there (in the file or the environment) is never replaced,
 * so re-running it is harmless and rotating a secret is a deliberate edit.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { envFile } from './lib/paths.js';

/** 24 random bytes: 32 base64url characters, the publisher's minimum for REBUILD_SECRET and PREVIEW_SECRET. */
const secret = () => randomBytes(24).toString('base64url');
const checkedLength = 32;

const generated: Record<string, () => string> = {
  APP_KEYS: () => [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret,
  ADMIN_JWT_SECRET: secret,
  JWT_SECRET: secret,
  TRANSFER_TOKEN_SALT: secret,
  ENCRYPTION_KEY: secret,
  REBUILD_SECRET: secret,
  PREVIEW_SECRET: secret,
  ENGAGEMENT_SECRET: secret,
};

export function missingSecrets(existing: string, env: NodeJS.ProcessEnv): string[] {
  const present = new Set(
    existing
      .split('\n')
      .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*\S/.exec(line)?.[1])
      .filter((name): name is string => Boolean(name)),
  );
  return Object.keys(generated).filter((name) => !present.has(name) && !env[name]);
}

/** Secrets the publisher will refuse at start; they are reported, never replaced. */
export function shortSecrets(existing: string, env: NodeJS.ProcessEnv): string[] {
  const values = { ...parseEnv(existing), ...env };
  return ['REBUILD_SECRET', 'PREVIEW_SECRET', 'ENGAGEMENT_SECRET'].filter((name) => {
    const value = values[name];
    return value !== undefined && value !== '' && value.length < checkedLength;
  });
}

const existing = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
const missing = missingSecrets(existing, process.env);
if (missing.length > 0) {
  const header = existing ? '' : '# Generated on first run; kept out of git. See .env.example.\n';
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  const lines = missing.map((name) => `${name}=${generated[name]!()}`).join('\n');
  writeFileSync(envFile, `${existing}${separator}${header}${lines}\n`, { mode: 0o600 });
  console.log(`.env: generated ${missing.join(', ')}`);
}
// writeFileSync's mode applies only to a new file: an .env made by hand or an older version keeps
// its mode otherwise, and holds every secret.
if (existsSync(envFile) && (statSync(envFile).mode & 0o077) !== 0) {
  chmodSync(envFile, 0o600);
  console.log('.env: made readable by its owner only (mode 600)');
}
for (const name of shortSecrets(existing, process.env)) {
  console.warn(`.env: ${name} is shorter than ${checkedLength} characters and the publisher will refuse it; delete its line from .env and run npm run setup again for a long one`);
}
