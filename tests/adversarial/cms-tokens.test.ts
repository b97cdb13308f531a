import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest } from '../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const SITE_TOKEN_NAME = 'site-build (read-only)';
const mode = (file: string) => statSync(file).mode & 0o777;

/**
 * Issue 17, items 1 and 8 (the CMS's part): the tokens the CMS writes are 0600 even when
 * their file already existed with a looser mode, an installation whose site token is
 * Strapi's `read-only` type (which also reads uploads and users) is narrowed at boot, and a
 * short PREVIEW_SECRET stops the CMS at start.
 */
describe('the CMS tokens and secrets', () => {
  let db: TestDatabase;
  let cms: TestStrapi | undefined;
  let dir: string;
  let siteFile: string;
  let previewFile: string;

  beforeAll(() => {
    db = sqliteDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'portal-tokens-'));
    siteFile = path.join(dir, 'site-token');
    previewFile = path.join(dir, 'preview-token');
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const boot = () => bootStrapi(db, { SITE_TOKEN_FILE: siteFile, PREVIEW_TOKEN_FILE: previewFile });

  it('writes 0600 token files over existing world-readable ones', async () => {
    for (const file of [siteFile, previewFile]) {
      writeFileSync(file, 'a stale token from another installation\n', { mode: 0o644 });
      chmodSync(file, 0o644);
    }
    cms = await boot();
    for (const file of [siteFile, previewFile]) {
      expect(mode(file), file).toBe(0o600);
      expect(readFileSync(file, 'utf8')).not.toContain('stale');
    }
    expect((await rest(`${cms.url}/api/articles`, { token: readFileSync(siteFile, 'utf8').trim() })).status).toBe(200);
  });

  it('narrows an old read-only site token at boot, keeps its value, and makes a loosened file 0600 again', async () => {
    const token = readFileSync(siteFile, 'utf8').trim();
    const stored = await cms!.strapi.db.query('admin::api-token').findOne({ where: { name: SITE_TOKEN_NAME } });
    await cms!.strapi.db.query('admin::api-token-permission').deleteMany({ where: { token: stored.id } });
    await cms!.strapi.db.query('admin::api-token').update({ where: { id: stored.id }, data: { type: 'read-only' } });
    expect((await rest(`${cms!.url}/api/upload/files`, { token })).status).toBe(200);
    chmodSync(siteFile, 0o644);
    await cms!.stop();

    cms = await boot();
    expect(readFileSync(siteFile, 'utf8').trim()).toBe(token);
    expect(mode(siteFile)).toBe(0o600);
    const narrowed = await cms.strapi.db.query('admin::api-token').findOne({ where: { name: SITE_TOKEN_NAME }, populate: ['permissions'] });
    expect(narrowed.type).toBe('custom');
    for (const [path, status] of [['/api/upload/files', 403], ['/api/users', 403], ['/api/articles', 200], ['/api/site-setting', 200]] as const) {
      expect((await rest(`${cms.url}${path}`, { token })).status, path).toBe(status);
    }
  });

  it('refuses to start with a 10-character PREVIEW_SECRET, naming it', async () => {
    await cms!.stop();
    cms = undefined;
    await expect(bootStrapi(db, { SITE_TOKEN_FILE: siteFile, PREVIEW_TOKEN_FILE: previewFile, PREVIEW_SECRET: '0123456789' })).rejects.toThrow(
      /PREVIEW_SECRET is shorter than 32 characters/,
    );
  });
});
