/**
 * One release's link check, run by the publisher in a child process once the release is live
 * (`link-check-runner.ts`): `node --import tsx scripts/publisher/link-check/main.ts <releaseId> <releaseDir>`.
 * Writes PUBLISHER_DIR/link-report.json and the external links' cache; touches nothing else.
 */
import path from 'node:path';
import { checkLinks } from './check-links.js';
import { linkCheckConfig } from './link-check-config.js';
import { writeLinkReport } from './link-report.js';

const [releaseId, releaseDir] = process.argv.slice(2);
if (!releaseId || !releaseDir) {
  console.error('usage: link-check/main.ts <releaseId> <releaseDir>');
  process.exit(2);
}
const links = linkCheckConfig();
const report = await checkLinks({
  releaseId,
  releaseDir,
  cms: links.cms,
  cmsPublicUrl: links.cmsPublicUrl,
  siteUrl: links.siteUrl,
  mediaOrigins: links.mediaOrigins,
  cacheFile: path.join(links.publisherDir, 'link-cache.json'),
  externalBudget: links.externalBudget,
  probe: links.probe,
});
await writeLinkReport(links.publisherDir, report);
console.log(`link check of ${releaseId}: ${report.counts.links} links in ${report.counts.entries} entries, ${report.counts.broken} broken, ${report.counts.externalChecked} external asked, ${report.counts.externalDeferred} deferred, ${report.durationMs} ms`);
