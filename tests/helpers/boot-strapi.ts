import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { repoRoot } from '../../scripts/lib/paths.js';
import type { TestDatabase } from './test-database.js';

// The ESM build of @strapi/strapi fails on lodash/fp under vitest; the CommonJS one loads.
const require = createRequire(import.meta.url);
const cmsDir = path.join(repoRoot, 'cms');

export interface TestStrapi {
  strapi: Core.Strapi;
  url: string;
  /** The read-only token the CMS saved for the site build. */
  siteToken: string;
  /** A full-access API token, for writes the tests make through REST. */
  fullAccessToken(): Promise<string>;
  stop(): Promise<void>;
}

const secret = () => randomBytes(16).toString('base64url');

/** Secrets are random per process, but stable across reboots within it (tokens must survive). */
const secrets = {
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
};

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

/** A real Strapi on its own database and a free port; one per test file at a time. */
export async function bootStrapi(db: TestDatabase, env: Record<string, string> = {}): Promise<TestStrapi> {
  const tokenDir = mkdtempSync(path.join(os.tmpdir(), 'portal-token-'));
  Object.assign(process.env, secrets, db.env, {
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    SITE_TOKEN_FILE: path.join(tokenDir, 'site-token'),
    ENV_PATH: path.join(tokenDir, 'no.env'),
    ...env,
  });
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'warn';
  await strapi.load();
  await new Promise<void>((resolve) => strapi.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  let fullToken: string | undefined;
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    siteToken: readFileSync(process.env.SITE_TOKEN_FILE!, 'utf8').trim(),
    async fullAccessToken() {
      fullToken ??= (
        await strapi.service('admin::api-token').create({
          name: `tests-${secret()}`,
          type: 'full-access',
          lifespan: null,
        })
      ).accessKey as string;
      return fullToken;
    },
    async stop() {
      await poolIdle(strapi);
      // destroy() calls process.removeAllListeners(), which would cut vitest's worker off.
      const removeAll = process.removeAllListeners;
      process.removeAllListeners = (() => process) as typeof process.removeAllListeners;
      try {
        await strapi.destroy();
      } finally {
        process.removeAllListeners = removeAll;
      }
    },
  };
}
