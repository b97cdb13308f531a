import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { varDir } from '../../scripts/lib/paths.js';
import { ensurePreviewBuild } from '../../scripts/publisher/build-preview.js';
import { silentLog } from '../../scripts/publisher/log.js';
import { loadPreviewRenderer } from '../../scripts/publisher/preview-renderer.js';
import { createPreviewServer } from '../../scripts/publisher/preview-server.js';

export interface TestPreviewServer {
  stop(): Promise<void>;
}

/**
 * The publisher's preview server on `port`, from a fresh preview build of the site's
 * templates (about 5 s), reading drafts from `cms` with its preview token.
 */
export async function startPreviewServer(options: {
  cms: { url: string; previewToken: string };
  secret: string;
  port: number;
  siteUrl: string;
}): Promise<TestPreviewServer> {
  // Inside the repo: the server build imports its packages from the repo's node_modules.
  mkdirSync(varDir, { recursive: true });
  const buildRoot = mkdtempSync(path.join(varDir, 'test-preview-'));
  const buildDir = path.join(buildRoot, 'preview-server');
  await ensurePreviewBuild({ outDir: buildDir, strapiUrl: options.cms.url, siteUrl: options.siteUrl, output: new Writable({ write: (_c, _e, done) => done() }) });
  const renderer = await loadPreviewRenderer(buildDir);
  const server = createPreviewServer({
    secret: options.secret,
    strapiUrl: options.cms.url,
    previewToken: () => options.cms.previewToken,
    publicSiteUrl: options.siteUrl,
    frameAncestors: [options.cms.url],
    renderer: () => renderer,
    log: silentLog,
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(buildRoot, { recursive: true, force: true });
    },
  };
}
