import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { repoRoot } from './paths.js';

// The ESM build of @strapi/strapi fails on lodash/fp (in vitest and tsx); the CommonJS one loads.
const require = createRequire(import.meta.url);
export const cmsDir = path.join(repoRoot, 'cms');

/** Loads the compiled CMS in this process (register + bootstrap); the admin panel only when asked (it must be built). */
export async function loadStrapi(options: { serveAdminPanel?: boolean } = {}): Promise<Core.Strapi> {
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist'), autoReload: false, serveAdminPanel: options.serveAdminPanel ?? false });
  return strapi.load();
}

/**
 * Strapi finishes some writes after answering (an API token's lastUsedAt, for one);
 * destroying the pool under them aborts them, so wait until the pool is idle.
 */
async function poolIdle(strapi: Core.Strapi, timeoutMs = 5000): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  const deadline = Date.now() + timeoutMs;
  while (pool && pool.numUsed() + pool.numPendingAcquires() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Shuts Strapi down without process.removeAllListeners(), which would cut a host process (vitest) off. */
export async function stopStrapi(strapi: Core.Strapi): Promise<void> {
  await poolIdle(strapi);
  const removeAll = process.removeAllListeners;
  process.removeAllListeners = (() => process) as typeof process.removeAllListeners;
  try {
    await strapi.destroy();
  } finally {
    process.removeAllListeners = removeAll;
  }
}

export interface RunningStrapi {
  strapi: Core.Strapi;
  url: string;
  /** The read-only token the CMS saved for the site build. */
  siteToken: string;
  /** The draft-reading token the CMS saved for the preview. */
  previewToken: string;
  /** The token the engagement service files citizens' questions with (create only). */
  questionToken: string;
  stop(): Promise<void>;
}

const secret = () => randomBytes(16).toString('base64url');

/** Secrets are random per process, but stable across reboots within it (tokens must survive). */
const processSecrets = {
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
  // The CMS refuses a preview secret under 32 characters: 24 bytes make 32.
  PREVIEW_SECRET: randomBytes(24).toString('base64url'),
};

/**
 * A scratch CMS in this process, for tests and benchmarks: its own database (from `env`),
 * fresh secrets, a free port on loopback, and no .env read.
 */
export async function startScratchStrapi(env: Record<string, string>, options: { serveAdminPanel?: boolean } = {}): Promise<RunningStrapi> {
  const tokenDir = mkdtempSync(path.join(os.tmpdir(), 'portal-token-'));
  Object.assign(process.env, processSecrets, {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: 'warn',
    // Scheduled publishing is driven by tests with a clock of their own.
    CRON_ENABLED: 'false',
    SITE_TOKEN_FILE: path.join(tokenDir, 'site-token'),
    PREVIEW_TOKEN_FILE: path.join(tokenDir, 'preview-token'),
    QUESTION_TOKEN_FILE: path.join(tokenDir, 'question-token'),
    ENV_PATH: path.join(tokenDir, 'no.env'),
    ...env,
  });
  const strapi = await loadStrapi(options);
  await new Promise<void>((resolve) => strapi.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    siteToken: readFileSync(process.env.SITE_TOKEN_FILE!, 'utf8').trim(),
    previewToken: readFileSync(process.env.PREVIEW_TOKEN_FILE!, 'utf8').trim(),
    questionToken: readFileSync(process.env.QUESTION_TOKEN_FILE!, 'utf8').trim(),
    stop: () => stopStrapi(strapi),
  };
}
