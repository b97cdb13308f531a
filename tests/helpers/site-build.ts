import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { buildSite } from '../../scripts/publisher/build-site.js';

export interface SiteBuild {
  outDir: string;
  log: string;
  ok: boolean;
}

/**
 * Builds the real site against a CMS into a fresh folder, with a content cache of its own
 * (kept across builds of one test file, so later builds are incremental).
 */
export function siteBuilder(strapiUrl: () => string, strapiToken: () => string) {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'portal-site-cache-'));
  return async function build(): Promise<SiteBuild> {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'portal-site-'));
    const log = new PassThrough();
    let text = '';
    log.on('data', (chunk) => (text += chunk));
    process.env.SITE_CACHE_DIR = cacheDir;
    try {
      await buildSite(outDir, { strapiUrl: strapiUrl(), strapiToken: strapiToken(), log });
      return { outDir, log: text, ok: true };
    } catch (error) {
      return { outDir, log: `${text}\n${(error as Error).message}`, ok: false };
    }
  };
}

export const readPage = (outDir: string, urlPath: string) =>
  readFileSync(path.join(outDir, decodeURI(urlPath), urlPath.endsWith('/') ? 'index.html' : ''), 'utf8');

/** Every page URL in a build: each index.html's folder, as a path with a trailing slash. */
export function pageUrls(outDir: string): string[] {
  const urls: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'index.html') urls.push(`/${path.relative(outDir, dir).split(path.sep).join('/')}/`.replace(/^\/\/$/, '/'));
    }
  };
  walk(outDir);
  return urls.sort();
}
