import type { Core } from '@strapi/strapi';
import { uploadLimits } from '../src/uploads/upload-limits';

/**
 * With uploads on object storage the admin shows photos from there: Strapi's default CSP
 * (img-src, media-src) plus that origin.
 */
function security(mediaUrl: string): Core.Config.Middlewares[number] {
  if (!mediaUrl) return 'strapi::security';
  const media = new URL(mediaUrl).origin;
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', media],
          'media-src': ["'self'", 'data:', 'blob:', media],
        },
      },
    },
  };
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  security(env('UPLOAD_PROVIDER', 'local') === 'aws-s3' ? env('S3_PUBLIC_URL', '') : ''),
  {
    name: 'strapi::cors',
    config: {
      // The public site is static and reads nothing from the browser; only the admin and
      // the publisher's preview talk to the CMS from a page.
      origin: env.array('CORS_ORIGINS', ['http://localhost:1337', 'http://localhost:4321', 'http://localhost:4322']),
      credentials: true,
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    // The larger of UPLOAD_MAX_BYTES and DOCUMENT_MAX_BYTES; each kind's own is checked next.
    config: { formidable: { maxFileSize: uploadLimits().requestMaxBytes } },
  },
  'global::upload-content-check',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  'global::uploads-revalidation',
  'global::document-download-headers',
];

export default config;
