import type { Core } from '@strapi/strapi';

export const REBUILD_WEBHOOK_NAME = 'Publisher: rebuild the public site';

const EVENTS = ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish', 'media.create', 'media.update', 'media.delete'];

interface Webhook {
  id: number;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

/**
 * Registers the publisher's webhook from code: the admin refuses private URLs such as
 * 127.0.0.1 in production, and the secret belongs in the environment, not in a form.
 * Idempotent: an existing hook is updated only when it differs.
 */
export async function ensureRebuildWebhook(strapi: Core.Strapi): Promise<void> {
  const secret = process.env.REBUILD_SECRET;
  const url = process.env.PUBLISHER_HOOK_URL ?? 'http://127.0.0.1:4322/hooks/strapi';
  if (!secret || !url) {
    strapi.log.warn('REBUILD_SECRET or PUBLISHER_HOOK_URL is empty: publishing will not rebuild the site.');
    return;
  }
  if (!/^[\x21-\x7e]+$/.test(secret)) {
    // HTTP header values are bytes: fetch would refuse it and Strapi would drop every call silently.
    strapi.log.error('REBUILD_SECRET must be printable ASCII without spaces: publishing will not rebuild the site.');
    return;
  }
  const wanted = { name: REBUILD_WEBHOOK_NAME, url, headers: { Authorization: `Bearer ${secret}` }, events: EVENTS, isEnabled: true };
  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const existing = ((await store.findWebhooks()) as Webhook[]).find((hook) => hook.name === REBUILD_WEBHOOK_NAME);

  if (!existing) {
    runner.add(await store.createWebhook(wanted));
    strapi.log.info(`Registered the rebuild webhook → ${url}`);
    return;
  }
  const same =
    existing.url === url &&
    existing.isEnabled &&
    existing.headers?.Authorization === wanted.headers.Authorization &&
    [...existing.events].sort().join() === [...EVENTS].sort().join();
  if (!same) runner.update(await store.updateWebhook(existing.id, wanted));
}
