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

/**
 * Uploads go to the CMS's own disk (public/uploads) by default; UPLOAD_PROVIDER=aws-s3 sends
 * them to S3-compatible object storage (AWS, MinIO, Ceph…), served from S3_PUBLIC_URL.
 */
function uploadProvider(env: Core.Config.Shared.ConfigParams['env']) {
  if (env('UPLOAD_PROVIDER', 'local') !== 'aws-s3') return {};
  return {
    provider: 'aws-s3',
    providerOptions: {
      baseUrl: env('S3_PUBLIC_URL'),
      rootPath: env('S3_ROOT_PATH', ''),
      s3Options: {
        credentials: { accessKeyId: env('S3_ACCESS_KEY_ID'), secretAccessKey: env('S3_SECRET_ACCESS_KEY') },
        region: env('S3_REGION', '') || 'us-east-1',
        ...(env('S3_ENDPOINT', '') ? { endpoint: env('S3_ENDPOINT') } : {}),
        forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', false),
        params: { Bucket: env('S3_BUCKET'), ...(env('S3_ACL', '') ? { ACL: env('S3_ACL') } : {}) },
      },
    },
    actionOptions: { upload: {}, uploadStream: {}, delete: {} },
  };
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  upload: {
    config: {
      ...uploadProvider(env),
      sizeLimit: env.int('UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
      security: {
        allowedTypes: UPLOAD_ALLOWED_TYPES,
        deniedTypes: UPLOAD_DENIED_TYPES,
      },
    },
  },
});

export default config;
