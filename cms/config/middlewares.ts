import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
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
  'global::published-only',
  {
    name: 'strapi::body',
    config: { formidable: { maxFileSize: env.int('UPLOAD_MAX_BYTES', 10 * 1024 * 1024) } },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
