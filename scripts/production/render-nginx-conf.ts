import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NginxSettings {
  /** `listen` argument: `80`, `127.0.0.1:8080`, `443` (with `tls`), `443 ssl` (certificates added by hand). */
  listen: string;
  /** Certificate and key files: every name is served over TLS, with HSTS. */
  tls?: { certificate: string; key: string };
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
  /** The engagement service's instances, host:port (default one on 127.0.0.1:4324). */
  engagementUpstreams?: string[];
}

const template = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nginx.conf.template');

/** HSTS only where browsers reach the portal over TLS: sent over plain HTTP it would mean nothing, or lock a name out. */
function tlsDirectives(settings: NginxSettings): string {
  const lines: string[] = [];
  if (settings.tls) lines.push(`ssl_certificate ${settings.tls.certificate};`, `ssl_certificate_key ${settings.tls.key};`);
  if (usesTls(settings)) lines.push('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;');
  return lines.map((line) => `    ${line}`).join('\n');
}

const usesTlsListen = (listen: string): boolean => /(^|\s)ssl(\s|$)/.test(listen);
const usesTls = (settings: NginxSettings): boolean => Boolean(settings.tls) || usesTlsListen(settings.listen);

/** The nginx configuration for these settings; every placeholder must be given. */
export function renderNginxConf(settings: NginxSettings): string {
  const values: Record<string, string> = {
    LISTEN: settings.tls && !usesTlsListen(settings.listen) ? `${settings.listen} ssl` : settings.listen,
    TLS: tlsDirectives(settings),
    SITE_HOST: settings.siteHost,
    CMS_HOST: settings.cmsHost,
    PREVIEW_HOST: settings.previewHost,
    RELEASES_DIR: settings.releasesDir,
    CMS_UPSTREAM: settings.cmsUpstream,
    PUBLISHER_UPSTREAM: settings.publisherUpstream,
    PREVIEW_UPSTREAM: settings.previewUpstream,
    CMS_ORIGIN: settings.cmsOrigin,
    ENGAGEMENT_SERVERS: (settings.engagementUpstreams ?? ['127.0.0.1:4324']).map((address) => `server ${address};`).join('\n    '),
  };
  return readFileSync(template, 'utf8').replace(/\$\{([A-Z_]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx.conf.template: no value for \${${name}}`);
    return value;
  });
}
