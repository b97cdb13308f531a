import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { loadStrapi, stopStrapi } from '../../scripts/lib/strapi-app.js';
import type { TestDatabase } from './test-database.js';

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
    STRAPI_LOG_LEVEL: 'warn',
    ...env,
  });
  const strapi = await loadStrapi();
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
    stop: () => stopStrapi(strapi),
  };
}
