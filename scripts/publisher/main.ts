/**
 * `npm run publisher`: serves the public site (PUBLIC_PORT) from the live release and
 * rebuilds it on Strapi webhooks and deploy hooks (PUBLISHER_PORT). See ./README.md.
 */
import { createWriteStream } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { checkRelease } from './check-release.js';
import { PublishedSlugs } from './cms-articles.js';
import { publisherConfig } from './config.js';
import { DirectoryLockedError } from './directory-lock.js';
import { deployToken } from './deploy-token.js';
import { buildFirstRelease } from './first-release.js';
import { ensurePreviewBuild } from './build-preview.js';
import { createSiteBuilder } from './incremental/site-builder.js';
import { createHooksServer } from './hooks-server.js';
import { LinkCheckRunner } from './link-check/link-check-runner.js';
import { consoleLog as log } from './log.js';
import { loadPreviewRenderer, type PreviewRenderer } from './preview-renderer.js';
import { createPreviewServer, withLoopbackTwins } from './preview-server.js';
import { createPublicServer } from './public-server.js';
import { Publisher } from './publisher.js';
import { applyServerLimits, serverLimitsFromEnv } from './server-limits.js';

const config = publisherConfig();
/** The CMS's list of published articles, kept from one release check to the next. */
const published = new PublishedSlugs();
/** Each live release's links, checked in a child process after the swap. */
const linkCheck = new LinkCheckRunner({ publisherDir: config.publisherDir, cms: () => ({ strapiUrl: config.strapiUrl, strapiToken: config.strapiToken() }), log });

const publisher = new Publisher({
  publisherDir: config.publisherDir,
  debounceMs: config.debounceMs,
  maxWaitMs: config.maxWaitMs,
  buildTimeoutMs: config.buildTimeoutMs,
  keepReleases: config.keepReleases,
  deployCommand: config.deployCommand,
  log,
  afterLive: (release) => linkCheck.released(release),
  build: createSiteBuilder({
    publisherDir: config.publisherDir,
    cms: () => ({ strapiUrl: config.strapiUrl, strapiToken: config.strapiToken() }),
    env: config.siteBuildEnv,
  }),
  check: (releaseDir, built) => checkRelease(releaseDir, { strapiUrl: config.strapiUrl, strapiToken: config.strapiToken() }, built, published),
});
try {
  await publisher.start();
} catch (error) {
  if (!(error instanceof DirectoryLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const limits = serverLimitsFromEnv();

function listen(server: Server, port: number, serverLimits = limits.internal): Promise<number> {
  applyServerLimits(server, serverLimits);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve((server.address() as AddressInfo).port));
  });
}

const publicServer = createPublicServer({ publisherDir: config.publisherDir, imageOrigins: config.cmsOrigins, engagementUrl: config.engagementUrl, log });
const hooksServer = createHooksServer({ publisher, secret: config.secret, log });
const publicPort = await listen(publicServer, config.publicPort, limits.public);
const hooksPort = await listen(hooksServer, config.publisherPort);
log(`public site on :${publicPort}; hooks and status on :${hooksPort} (releases in ${config.publisherDir})`);

let previewRenderer: PreviewRenderer | undefined;
const preview = config.preview;
const previewServer =
  preview &&
  createPreviewServer({
    secret: preview.secret,
    strapiUrl: config.strapiUrl,
    previewToken: preview.token,
    publicSiteUrl: preview.siteUrl,
    frameAncestors: withLoopbackTwins(config.cmsOrigins),
    imageOrigins: config.cmsOrigins,
    renderer: () => previewRenderer,
    log,
  });
if (preview && previewServer) {
  log(`draft preview on :${await listen(previewServer, preview.port)}`);
  const output = createWriteStream(path.join(config.publisherDir, 'preview-build.log'));
  ensurePreviewBuild({ outDir: preview.buildDir, strapiUrl: config.strapiUrl, siteUrl: preview.siteUrl, env: config.siteBuildEnv, output })
    .then(async (result) => {
      previewRenderer = await loadPreviewRenderer(preview.buildDir);
      log(`draft preview ready (${result === 'built' ? 'built from the site templates' : 'templates unchanged'})`);
    })
    .catch((error: Error) => log(`draft preview unavailable: ${error.message} (see ${output.path})`));
} else {
  log('draft preview off: set PREVIEW_SECRET (npm run setup writes one)');
}
// The token is a credential and this line lands in service logs: shown only when asked for.
const showDeployUrl = process.argv.includes('--show-deploy-url');
const shownToken = showDeployUrl ? deployToken(config.secret) : '<token>';
log(
  `deploy hook: POST http://<this host>:${hooksPort}/hooks/deploy/${shownToken} (add ?clear_cache=1 for a cold build)` +
    (showDeployUrl ? '' : '; the token: npm run publisher -- --show-deploy-url, or GET /status with the REBUILD_SECRET bearer'),
);

const startup = new AbortController();
void buildFirstRelease(publisher, config.strapiUrl, startup.signal, log);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping (a running build is killed; its events are rebuilt at the next start)`);
  startup.abort();
  const servers = [publicServer, hooksServer, ...(previewServer ? [previewServer] : [])];
  const closed = Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await publisher.stop();
  await linkCheck.stop();
  // Idle keep-alive sockets would hold close() open; in-flight answers had their chance.
  setTimeout(() => servers.forEach((server) => server.closeAllConnections()), 2000).unref();
  await closed;
  log('stopped');
}
// `on`, not `once`: a service manager or Ctrl-C signals the whole process group and npm relays
// the signal as well, so a second one arrives; it must not cut the graceful stop short.
// Run as `node --import tsx` (one process): the `tsx` wrapper SIGKILLs its child when the
// child's acknowledgement of a group signal races its own relay.
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
