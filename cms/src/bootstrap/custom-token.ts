import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

export interface CustomToken {
  name: string;
  description: string;
  /** Where the token's value is kept for the process that uses it (git-ignored, mode 600). */
  file: string;
  /** Exactly these Content API actions (`api::article.article.find`…), nothing more. */
  permissions: string[];
}

interface StoredToken {
  id: number;
  accessKey: string;
  type: string;
  permissions?: Array<{ action: string }>;
}

/**
 * A `custom` API token with exactly the given permissions, its value in a file. Strapi shows a
 * token's value only when it is made, so it is written to a file; a token whose file is lost
 * or stale is regenerated rather than duplicated. A token made by an earlier version (another
 * type, or other permissions) is narrowed in place.
 */
export async function ensureCustomToken(strapi: Core.Strapi, wanted: CustomToken): Promise<void> {
  const tokens = strapi.service('admin::api-token');
  const { permissions } = wanted;
  const saved = existsSync(wanted.file) ? readFileSync(wanted.file, 'utf8').trim() : '';
  const existing: StoredToken | null = await strapi.db
    .query('admin::api-token')
    .findOne({ where: { name: wanted.name }, populate: ['permissions'] });

  if (existing && !samePermissions(existing, permissions)) {
    await tokens.update(existing.id, { type: 'custom', permissions });
    strapi.log.info(`API token "${wanted.name}" narrowed to ${permissions.length} permission(s).`);
  }

  if (existing && saved && tokens.hash(saved) === existing.accessKey) {
    // The file may predate this rule or have been copied with a looser mode.
    chmodSync(wanted.file, 0o600);
    return;
  }

  const token = existing
    ? await tokens.regenerate(existing.id)
    : await tokens.create({ name: wanted.name, description: wanted.description, type: 'custom', permissions, lifespan: null });
  mkdirSync(path.dirname(wanted.file), { recursive: true });
  writeFileSync(wanted.file, `${token.accessKey}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an existing file keeps its own.
  chmodSync(wanted.file, 0o600);
  strapi.log.info(`Saved the API token "${wanted.name}" to ${path.relative(process.cwd(), wanted.file)}.`);
}

function samePermissions(token: StoredToken, wanted: string[]): boolean {
  if (token.type !== 'custom') return false;
  const have = new Set((token.permissions ?? []).map((p) => p.action));
  return have.size === wanted.length && wanted.every((action) => have.has(action));
}
