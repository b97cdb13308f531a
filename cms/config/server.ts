import type { Core } from '@strapi/strapi';
import cronTasks from './cron-tasks';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_CMS_URL', ''),
  // Behind nginx (STRAPI_PROXY=true): the client's address and scheme come from the last
  // X-Forwarded-For entry (the one nginx appends, so a client cannot forge it) and from
  // X-Forwarded-Proto, so the admin's login limit keys on the client, not on 127.0.0.1, and its
  // cookies are Secure over TLS. Off by default: a CMS reached directly must not trust these headers.
  proxy: {
    koa: env.bool('STRAPI_PROXY', false),
    maxIpsCount: 1,
  },
  app: {
    keys: env.array('APP_KEYS') ?? [],
  },
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
    tasks: cronTasks,
  },
  webhooks: {
    populateRelations: false,
  },
});

export default config;
