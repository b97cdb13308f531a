import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { repoRoot } from './paths.js';

// The ESM build of @strapi/strapi fails on lodash/fp (in vitest and tsx); the CommonJS one loads.
const require = createRequire(import.meta.url);
export const cmsDir = path.join(repoRoot, 'cms');

/** Loads the compiled CMS in this process (register + bootstrap), without the admin panel. */
export async function loadStrapi(): Promise<Core.Strapi> {
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist'), autoReload: false, serveAdminPanel: false });
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
