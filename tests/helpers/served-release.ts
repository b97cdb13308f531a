import { mkdirSync, renameSync, symlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { silentLog } from '../../scripts/publisher/log.js';
import { createPublicServer } from '../../scripts/publisher/public-server.js';
import type { SiteBuild } from './site-build.js';

export interface ServedRelease {
  /** The release's folder, where the build now lives. */
  outDir: string;
  /** The public server's origin, `http://127.0.0.1:<port>`. */
  base: string;
  close(): Promise<void>;
}

/** The publisher folder serveAsRelease puts a build in (its PUBLISHER_DIR), known before it does, for a service started first. */
export const releasePublisherDir = (site: Pick<SiteBuild, 'outDir'>): string => path.join(site.outDir, '..', `${path.basename(site.outDir)}-publisher`);

/** Serves a finished build the way the publisher serves a release: moved under `releases/`, behind `current`, with the public server's headers and CSP. */
export async function serveAsRelease(site: Pick<SiteBuild, 'outDir'>, imageOrigins: string[], options: { engagementUrl?: string } = {}): Promise<ServedRelease> {
  const publisherDir = releasePublisherDir(site);
  const outDir = path.join(publisherDir, 'releases', 'test');
  mkdirSync(path.dirname(outDir), { recursive: true });
  renameSync(site.outDir, outDir);
  symlinkSync(path.join('releases', 'test'), path.join(publisherDir, 'current'));
  const server = createPublicServer({ publisherDir, imageOrigins, engagementUrl: options.engagementUrl, log: silentLog });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { outDir, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
