import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NginxSettings {
  /** `listen` argument: `80`, `127.0.0.1:8080`, `443 ssl` (with certificates added by hand). */
  listen: string;
  siteHost: string;
  cmsHost: string;
  previewHost: string;
  /** PUBLISHER_DIR: where `current` and the releases are. */
  releasesDir: string;
  cmsUpstream: string;
  publisherUpstream: string;
  previewUpstream: string;
  /** Where the public pages may load images from (the CMS's public origin). */
  cmsOrigin: string;
}

const template = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nginx.conf.template');

/** The nginx configuration for these settings; every placeholder must be given. */
export function renderNginxConf(settings: NginxSettings): string {
  const values: Record<string, string> = {
    LISTEN: settings.listen,
    SITE_HOST: settings.siteHost,
    CMS_HOST: settings.cmsHost,
    PREVIEW_HOST: settings.previewHost,
    RELEASES_DIR: settings.releasesDir,
    CMS_UPSTREAM: settings.cmsUpstream,
    PUBLISHER_UPSTREAM: settings.publisherUpstream,
    PREVIEW_UPSTREAM: settings.previewUpstream,
    CMS_ORIGIN: settings.cmsOrigin,
  };
  return readFileSync(template, 'utf8').replace(/\$\{([A-Z_]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx.conf.template: no value for \${${name}}`);
    return value;
  });
}
