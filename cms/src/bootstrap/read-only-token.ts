import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

export interface ReadOnlyToken {
  name: string;
  description: string;
  /** Where the token's value is kept for the process that uses it (git-ignored, mode 600). */
  file: string;
}

/**
 * Strapi shows a token's value only when it is made, so it is written to a file; a token
 * whose file is lost or stale is regenerated rather than duplicated.
 */
export async function ensureReadOnlyToken(strapi: Core.Strapi, wanted: ReadOnlyToken): Promise<void> {
  const tokens = strapi.service('admin::api-token');
  const saved = existsSync(wanted.file) ? readFileSync(wanted.file, 'utf8').trim() : '';
  const existing = await strapi.db.query('admin::api-token').findOne({ where: { name: wanted.name } });

  if (existing && saved && tokens.hash(saved) === existing.accessKey) return;

  const token = existing
    ? await tokens.regenerate(existing.id)
    : await tokens.create({ name: wanted.name, description: wanted.description, type: 'read-only', lifespan: null });
  mkdirSync(path.dirname(wanted.file), { recursive: true });
  writeFileSync(wanted.file, `${token.accessKey}\n`, { mode: 0o600 });
  strapi.log.info(`Saved the API token "${wanted.name}" to ${path.relative(process.cwd(), wanted.file)}.`);
}
