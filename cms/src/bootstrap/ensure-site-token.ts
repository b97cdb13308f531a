import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { siteTokenFile } from './runtime-paths';

export const SITE_TOKEN_NAME = 'site-build (read-only)';

/**
 * The site build reads through one read-only API token. Strapi shows a token's value only
 * when it is made, so it is written to a git-ignored file; a token whose file is lost or
 * stale is regenerated rather than duplicated.
 */
export async function ensureSiteToken(strapi: Core.Strapi): Promise<void> {
  const tokens = strapi.service('admin::api-token');
  const file = siteTokenFile();
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const existing = await strapi.db.query('admin::api-token').findOne({ where: { name: SITE_TOKEN_NAME } });

  if (existing && saved && tokens.hash(saved) === existing.accessKey) return;

  const token = existing
    ? await tokens.regenerate(existing.id)
    : await tokens.create({
        name: SITE_TOKEN_NAME,
        description: 'Used by the static site build to read published content. Read-only.',
        type: 'read-only',
        lifespan: null,
      });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token.accessKey}\n`, { mode: 0o600 });
  strapi.log.info(`Saved the site build's read-only API token to ${path.relative(process.cwd(), file)}.`);
}
