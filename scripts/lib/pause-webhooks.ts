import type { Core } from '@strapi/strapi';

interface WebhookRunner {
  listeners: Map<string, unknown>;
  webhooksMap: Map<string, unknown[]>;
  deleteListener(event: string): void;
  add(webhook: unknown): void;
}

/**
 * Stops this process's Strapi from calling its stored webhooks during a bulk load (ten
 * thousand articles would send tens of thousands of calls); `resume()` listens again.
 */
export function pauseWebhooks(strapi: Core.Strapi): { resume(): Promise<void> } {
  const runner = strapi.get('webhookRunner') as WebhookRunner;
  for (const event of [...runner.listeners.keys()]) runner.deleteListener(event);
  // add() listens again only for events it does not know, so forget them all.
  runner.webhooksMap.clear();
  return {
    async resume() {
      const store = strapi.get('webhookStore') as { findWebhooks(): Promise<{ isEnabled: boolean }[]> };
      for (const webhook of await store.findWebhooks()) if (webhook.isEnabled) runner.add(webhook);
    },
  };
}
