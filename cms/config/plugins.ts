import type { Core } from '@strapi/strapi';

/** Photos only: vector and markup formats can carry scripts, so they are refused at upload. */
export const UPLOAD_ALLOWED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'];
export const UPLOAD_DENIED_TYPES = [
  'image/svg+xml',
  'text/html',
  'application/xhtml+xml',
  'text/javascript',
  'application/javascript',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-msdownload',
  'application/x-executable',
];

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
      security: {
        allowedTypes: UPLOAD_ALLOWED_TYPES,
        deniedTypes: UPLOAD_DENIED_TYPES,
      },
    },
  },
});

export default config;
