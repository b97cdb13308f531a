import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../../scripts/publisher/build-site.js';
import { running } from './support/processes.js';
import { waitFor } from './support/harness.js';

/** A site/ whose astro is a small shell script that says how it was called. */
function fakeSiteDir(astro: string): string {
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'site-'));
  const bin = path.join(siteDir, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  script('astro', astro);
  return siteDir;
}

const recordingAstro = 'mkdir -p "$3" && echo "args=$* cwd=$(pwd) url=$STRAPI_URL token=$STRAPI_TOKEN out=$SITE_OUT_DIR" > "$3/astro.txt"; echo built';

function collect() {
  const log = new PassThrough();
  let text = '';
  log.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { log, text: () => text };
}

describe('buildSite', () => {
  it('runs astro build --outDir <release> from site/ with the CMS settings, then indexes it for search', async () => {
    const siteDir = fakeSiteDir(recordingAstro);
    const releaseDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'release-')), 'r1');
    const { log, text } = collect();
    await buildSite(releaseDir, { strapiUrl: 'http://cms:1337', strapiToken: 'tok', siteDir, log });
    expect(readFileSync(path.join(releaseDir, 'astro.txt'), 'utf8').trim()).toBe(
      `args=build --outDir ${releaseDir} cwd=${siteDir} url=http://cms:1337 token=tok out=${releaseDir}`,
    );
    expect(JSON.parse(readFileSync(path.join(releaseDir, 'pagefind', 'shards.json'), 'utf8'))).toEqual([]);
    expect(existsSync(path.join(releaseDir, 'pagefind', 'pagefind-ui.js'))).toBe(true);
    expect(text()).toBe('built\nsearch index: 0 pages; shards written: none\n');
  });

  it.each([
    [true, false],
    [false, true],
  ])('clearCache %s → the content cache is kept: %s', async (clearCache, kept) => {
    const siteDir = fakeSiteDir(recordingAstro);
    const caches = [path.join(siteDir, 'node_modules', '.astro', 'data-store.json'), path.join(siteDir, '.astro', 'data-store.json')];
    const image = path.join(siteDir, 'node_modules', '.astro', 'assets', 'anh_8de8326a05_1KbNcH.avif');
    for (const file of [...caches, image]) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '{}');
    }
    const { log, text } = collect();
    await buildSite(path.join(siteDir, 'out'), { strapiUrl: 'http://cms:1337', strapiToken: 't', siteDir, clearCache, log });
    for (const file of caches) expect(existsSync(file)).toBe(kept);
    // A transformed image is named by its source and transform: it outlives a cold build.
    expect(existsSync(image)).toBe(true);
    expect(existsSync(path.join(siteDir, '.astro'))).toBe(true);
    if (clearCache) expect(text()).toContain(`cold build: removed ${caches.join(', ')}\n`);
  });

  it('clears the SITE_CACHE_DIR the site is told to use, when there is one', async () => {
    const siteDir = fakeSiteDir(recordingAstro);
    const cacheDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'cache-')), 'content');
    const defaultCache = path.join(siteDir, 'node_modules', '.astro', 'data-store.json');
    for (const file of [path.join(cacheDir, 'data-store.json'), path.join(cacheDir, 'assets', 'anh.webp'), defaultCache]) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '{}');
    }
    process.env.SITE_CACHE_DIR = cacheDir;
    try {
      await buildSite(path.join(siteDir, 'out'), { strapiUrl: 'http://cms:1337', strapiToken: 't', siteDir, clearCache: true, log: new PassThrough() });
    } finally {
      delete process.env.SITE_CACHE_DIR;
    }
    expect(readdirSync(cacheDir)).toEqual(['assets']);
    expect(existsSync(defaultCache)).toBe(true);
  });

  it('stops at a failing astro build, before the search index', async () => {
    const siteDir = fakeSiteDir('echo "[ERROR] loader: 500 from the CMS" >&2; exit 2');
    const { log, text } = collect();
    const releaseDir = path.join(siteDir, 'out');
    await expect(buildSite(releaseDir, { strapiUrl: 'http://cms:1337', strapiToken: 't', siteDir, log })).rejects.toThrow('astro build exited with code 2');
    expect(text()).toContain('500 from the CMS');
    expect(existsSync(path.join(releaseDir, 'pagefind'))).toBe(false);
  });

  it('kills the build and what it spawned when aborted', async () => {
    const pidFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'pids-')), 'pids');
    const siteDir = fakeSiteDir(`sleep 60 & echo $! >> ${pidFile}; echo $$ >> ${pidFile}; wait`);
    const abort = new AbortController();
    const build = buildSite(path.join(siteDir, 'out'), { strapiUrl: 'http://cms:1337', strapiToken: 't', siteDir, signal: abort.signal, log: new PassThrough() });
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim().split('\n').length === 2, 5000, 'the build to start');
    abort.abort(new Error('the publisher is shutting down'));
    await expect(build).rejects.toThrow('the publisher is shutting down');
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    await waitFor(() => pids.every((pid) => !running(pid)), 5000, 'the processes to end');
  });
});
