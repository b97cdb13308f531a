import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publisherConfig, publisherDirFromEnv, rebuildCliConfig } from '../../../scripts/publisher/config.js';
import { repoRoot } from '../../../scripts/lib/paths.js';

/** 32 characters, the shortest secret the publisher takes. */
const S = 'rebuild-secret-0123456789abcdefg';
const P = 'preview-secret-0123456789abcdefg';

describe('publisherConfig', () => {
  it('needs only REBUILD_SECRET; everything else has the documented default', () => {
    const config = publisherConfig({ REBUILD_SECRET: S });
    expect(config).toMatchObject({
      secret: S,
      strapiUrl: 'http://127.0.0.1:1337',
      cmsOrigins: ['http://127.0.0.1:1337'],
      host: '127.0.0.1',
      publicPort: 4321,
      publisherPort: 4322,
      debounceMs: 250,
      maxWaitMs: 30_000,
      buildTimeoutMs: 900_000,
      keepReleases: 5,
      deployCommand: undefined,
      publisherDir: path.join(repoRoot, 'var'),
    });
  });

  it('treats empty values (as .env.example leaves them) as unset', () => {
    const config = publisherConfig({ REBUILD_SECRET: S, DEPLOY_COMMAND: '', PUBLIC_CMS_URL: '', DEBOUNCE_MS: '', STRAPI_TOKEN: '' });
    expect(config.deployCommand).toBeUndefined();
    expect(config.debounceMs).toBe(250);
    expect(config.cmsOrigins).toEqual(['http://127.0.0.1:1337']);
  });

  it('reads numbers, the CMS origins for the CSP and a relative PUBLISHER_DIR from the repo root', () => {
    const config = publisherConfig({
      REBUILD_SECRET: S,
      STRAPI_URL: 'http://cms.internal:1337/',
      PUBLIC_CMS_URL: 'https://cms.quan.gov.vn/admin',
      DEBOUNCE_MS: '500',
      MAX_WAIT_MS: '500',
      KEEP_RELEASES: '2',
      PUBLISHER_DIR: 'tmp/pub',
      DEPLOY_COMMAND: 'rsync -a "$RELEASE_DIR/" web:/srv/site/',
    });
    expect(config).toMatchObject({
      strapiUrl: 'http://cms.internal:1337',
      cmsOrigins: ['http://cms.internal:1337', 'https://cms.quan.gov.vn'],
      debounceMs: 500,
      keepReleases: 2,
      publisherDir: path.join(repoRoot, 'tmp/pub'),
      deployCommand: 'rsync -a "$RELEASE_DIR/" web:/srv/site/',
    });
  });

  it.each([
    [{}, 'REBUILD_SECRET'],
    [{ REBUILD_SECRET: '' }, 'REBUILD_SECRET'],
    [{ REBUILD_SECRET: S, STRAPI_URL: 'not a url' }, 'STRAPI_URL'],
    [{ REBUILD_SECRET: S, PUBLIC_PORT: '99999' }, 'PUBLIC_PORT'],
    [{ REBUILD_SECRET: S, KEEP_RELEASES: '0' }, 'KEEP_RELEASES'],
    [{ REBUILD_SECRET: S, DEBOUNCE_MS: 'soon' }, 'DEBOUNCE_MS'],
    [{ REBUILD_SECRET: S, DEBOUNCE_MS: '5000', MAX_WAIT_MS: '1000' }, 'MAX_WAIT_MS'],
    [{ REBUILD_SECRET: S.slice(1) }, 'REBUILD_SECRET is shorter than 32 characters: remove it from .env and run npm run setup'],
    [{ REBUILD_SECRET: S, PREVIEW_SECRET: 'short' }, 'PREVIEW_SECRET is shorter than 32 characters'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => publisherConfig(env)).toThrow(name);
  });

  it('takes STRAPI_TOKEN first, then the token file, read at each call', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'token-'));
    const file = path.join(dir, 'site-token');
    expect(publisherConfig({ REBUILD_SECRET: S, STRAPI_TOKEN: 'from-env', SITE_TOKEN_FILE: file }).strapiToken()).toBe('from-env');
    const fromFile = publisherConfig({ REBUILD_SECRET: S, SITE_TOKEN_FILE: file });
    expect(() => fromFile.strapiToken()).toThrow('No Strapi token');
    writeFileSync(file, 'from-file\n');
    expect(fromFile.strapiToken()).toBe('from-file');
  });
});

describe('the site build settings', () => {
  it('hands SITE_URL, MEDIA_URL and the loader settings from .env to each build, and allows photos from MEDIA_URL', () => {
    const config = publisherConfig({ REBUILD_SECRET: S, SITE_URL: 'https://hbt.example.vn', MEDIA_URL: 'https://media.example.vn/portal', STRAPI_PAGE_SIZE: '', DEPLOY_COMMAND: 'x' });
    expect(config.siteBuildEnv).toEqual({ SITE_URL: 'https://hbt.example.vn', MEDIA_URL: 'https://media.example.vn/portal' });
    expect(config.cmsOrigins).toEqual(['http://127.0.0.1:1337', 'https://media.example.vn']);
  });
});

describe('the draft preview settings', () => {
  it('has no preview without PREVIEW_SECRET (empty counts as unset)', () => {
    expect(publisherConfig({ REBUILD_SECRET: S }).preview).toBeUndefined();
    expect(publisherConfig({ REBUILD_SECRET: S, PREVIEW_SECRET: '' }).preview).toBeUndefined();
  });

  it('serves on 4323 from var/preview-server, sending links to the live site, by default', () => {
    expect(publisherConfig({ REBUILD_SECRET: S, PREVIEW_SECRET: P }).preview).toMatchObject({
      secret: P,
      port: 4323,
      buildDir: path.join(repoRoot, 'var', 'preview-server'),
      siteUrl: 'http://localhost:4321',
    });
  });

  it('reads the preview token at each call, and says where it should be', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'preview-token-')), 'preview-token');
    const { preview } = publisherConfig({ REBUILD_SECRET: S, PREVIEW_SECRET: P, PREVIEW_TOKEN_FILE: file });
    expect(() => preview!.token()).toThrow(`No preview token: start the CMS once so it writes ${file}`);
    writeFileSync(file, 'draft-reader\n');
    expect(preview!.token()).toBe('draft-reader');
  });

  it('refuses a build folder outside the repository, whose packages the preview imports', () => {
    expect(() => publisherConfig({ REBUILD_SECRET: S, PREVIEW_SECRET: P, PREVIEW_BUILD_DIR: '/srv/preview' })).toThrow(
      'PREVIEW_BUILD_DIR: PREVIEW_BUILD_DIR must be inside the repository',
    );
  });
});

describe('the CLIs settings', () => {
  it('rebuild: publisher URL from PUBLISHER_URL or the port', () => {
    expect(rebuildCliConfig({ REBUILD_SECRET: S }).publisherUrl).toBe('http://127.0.0.1:4322');
    expect(rebuildCliConfig({ REBUILD_SECRET: S, PUBLISHER_PORT: '5000' }).publisherUrl).toBe('http://127.0.0.1:5000');
    expect(rebuildCliConfig({ REBUILD_SECRET: S, PUBLISHER_URL: 'http://pub:1/' }).publisherUrl).toBe('http://pub:1');
    expect(() => rebuildCliConfig({})).toThrow('REBUILD_SECRET');
  });

  it('rollback: needs no secret', () => {
    expect(publisherDirFromEnv({})).toBe(path.join(repoRoot, 'var'));
    expect(publisherDirFromEnv({ PUBLISHER_DIR: '/srv/portal' })).toBe('/srv/portal');
  });
});
