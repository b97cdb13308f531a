import type { Core } from '@strapi/strapi';
import { previewLink } from '../src/preview/preview-url';
import { requiredEnv } from '../src/utils/required-env';
import { previewSecret as checkedPreviewSecret } from '../src/preview/preview-secret';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  // Where editors' browsers reach the publisher's preview server.
  const previewUrl = env('PREVIEW_URL', 'http://localhost:4323');
  const previewSecret = checkedPreviewSecret(env('PREVIEW_SECRET', ''));
  return {
    auth: {
      secret: requiredEnv(env('ADMIN_JWT_SECRET'), 'ADMIN_JWT_SECRET'),
    },
    apiToken: {
      salt: requiredEnv(env('API_TOKEN_SALT'), 'API_TOKEN_SALT'),
    },
    transfer: {
      token: {
        salt: requiredEnv(env('TRANSFER_TOKEN_SALT'), 'TRANSFER_TOKEN_SALT'),
      },
    },
    secrets: {
      encryptionKey: requiredEnv(env('ENCRYPTION_KEY'), 'ENCRYPTION_KEY'),
    },
    flags: {
      nps: false,
      promoteEE: false,
    },
    // Strapi's free Preview: "Xem trước" in the edit view opens the draft in the site's own templates.
    preview: {
      enabled: previewSecret !== '',
      config: {
        allowedOrigins: [new URL(previewUrl).origin],
        handler: (uid: string, params: { documentId?: string; status?: string | null }) =>
          previewLink(uid, params, { baseUrl: previewUrl, secret: previewSecret }),
      },
    },
  };
};

export default config;
