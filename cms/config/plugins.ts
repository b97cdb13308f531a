import type { Core } from '@strapi/strapi';
import { FILE_TYPES } from '../src/uploads/file-kinds';
import { uploadLimits } from '../src/uploads/upload-limits';

/**
 * Photos (jpeg, png, webp, avif) and the Văn bản's documents (PDF, DOCX, ODT, XLSX): vector
 * and markup formats can carry scripts, so they are refused at upload. Strapi's check here
 * trusts a file's name when it cannot tell its content; ours (src/uploads, run first) does
 * not, and decides the type from the bytes alone.
 */
export const UPLOAD_ALLOWED_TYPES = FILE_TYPES.map((type) => type.mime);
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
      // The larger of the photo and document limits; each kind's own is held in src/uploads.
      sizeLimit: uploadLimits().requestMaxBytes,
      security: {
        allowedTypes: UPLOAD_ALLOWED_TYPES,
        deniedTypes: UPLOAD_DENIED_TYPES,
      },
    },
  },
});

export default config;
