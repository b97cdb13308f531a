/**
 * `npm run nginx:conf > /etc/nginx/sites-available/portal`: the nginx configuration for
 * this installation, from the same settings the portal runs with (docs/production.md).
 */
import path from 'node:path';
import { z } from 'zod';
import { publisherConfig, readEnvironment } from '../publisher/config.js';
import { renderNginxConf } from './render-nginx-conf.js';

const parsed = z
  .object({
    NGINX_LISTEN: z.string().default('80'),
    SITE_URL: z.string().url().default('http://localhost:4321'),
    PUBLIC_CMS_URL: z.string().url().default('http://localhost:1337'),
    PREVIEW_URL: z.string().url().default('http://localhost:4323'),
    // Two instances on one PostgreSQL: "127.0.0.1:1337 127.0.0.1:1338".
    CMS_UPSTREAMS: z.string().default('127.0.0.1:1337'),
    // The engagement service's instances (scripts/engagement/), space-separated; they share the database.
    ENGAGEMENT_UPSTREAMS: z.string().default('127.0.0.1:4324'),
    // Both or neither: the names are then served over TLS, with HSTS.
    NGINX_TLS_CERTIFICATE: z.string().optional(),
    NGINX_TLS_KEY: z.string().optional(),
  })
  .refine((e) => Boolean(e.NGINX_TLS_CERTIFICATE) === Boolean(e.NGINX_TLS_KEY), { message: 'set both NGINX_TLS_CERTIFICATE and NGINX_TLS_KEY, or neither', path: ['NGINX_TLS_KEY'] })
  .safeParse(Object.fromEntries(Object.entries(readEnvironment()).filter(([, value]) => value !== '')));
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const env = parsed.data;
const publisher = publisherConfig();
const [first, ...others] = env.CMS_UPSTREAMS.split(/\s+/).filter(Boolean);

process.stdout.write(
  renderNginxConf({
    listen: env.NGINX_LISTEN,
    tls: env.NGINX_TLS_CERTIFICATE && env.NGINX_TLS_KEY ? { certificate: env.NGINX_TLS_CERTIFICATE, key: env.NGINX_TLS_KEY } : undefined,
    siteHost: new URL(env.SITE_URL).hostname,
    cmsHost: new URL(env.PUBLIC_CMS_URL).hostname,
    previewHost: new URL(env.PREVIEW_URL).hostname,
    releasesDir: path.resolve(publisher.publisherDir),
    cmsUpstream: [first, ...others.map((address) => `server ${address}`)].join(';\n    '),
    publisherUpstream: `127.0.0.1:${publisher.publisherPort}`,
    previewUpstream: `127.0.0.1:${publisher.preview?.port ?? 4323}`,
    cmsOrigin: new URL(env.PUBLIC_CMS_URL).origin,
    engagementUpstreams: env.ENGAGEMENT_UPSTREAMS.split(/\s+/).filter(Boolean),
  }),
);
