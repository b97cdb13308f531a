import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Why a build happened; kept in the status and in the history on disk. */
export const triggerSchema = z.object({
  /** Lets `npm run rebuild` find the build that carried its request. */
  id: z.string(),
  source: z.enum(['strapi', 'deploy', 'cli', 'startup']),
  event: z.string().optional(),
  uid: z.string().optional(),
  documentId: z.string().optional(),
  at: z.string(),
  /** Set on the one trigger that stands for this many events past PENDING_LIMIT (a whole build). */
  merged: z.number().int().min(2).optional(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export function newTrigger(fields: Omit<Trigger, 'id' | 'at'>, at = new Date()): Trigger {
  return { id: randomBytes(6).toString('base64url'), ...fields, at: at.toISOString() };
}

/**
 * Distinct things waiting for the next build. Past it, an incremental build would render
 * about every page anyway: the waiting events fold into one "merged" trigger (a whole
 * build), so a flood of webhooks or deploy calls costs constant memory and state.
 */
export const PENDING_LIMIT = 200;

/** Triggers a build record keeps (requests first, so `npm run rebuild` finds its own); the rest are counted. */
export const RECORDED_TRIGGERS = 20;

/**
 * What a trigger means, as the key it waits under: every explicit request (deploy hook,
 * `npm run rebuild`, start-up) asks for the same thing, a build of everything now; a Strapi
 * event, for its event and document (Strapi sends one per locale and draft/published row).
 */
export function triggerKey(trigger: Trigger): string {
  if (trigger.source !== 'strapi') return 'request';
  return `${trigger.event ?? ''}:${trigger.documentId ?? trigger.uid ?? ''}`;
}

/** Folds waiting triggers into one: no uid, so the build plan makes it a whole build. */
export function collapseTriggers(items: Trigger[]): Trigger {
  const count = items.reduce((sum, t) => sum + (t.merged ?? 1), 0);
  const first = items[0];
  const request = items.find((t) => t.source !== 'strapi' && t.merged === undefined);
  return {
    // A folded request keeps its id: `npm run rebuild` follows the build that carries it.
    id: first?.merged !== undefined ? first.id : (request?.id ?? newTrigger({ source: 'strapi' }).id),
    source: 'strapi',
    event: 'merged',
    at: first?.at ?? new Date().toISOString(),
    merged: Math.max(2, count),
  };
}

/** A bounded copy of a batch's triggers for the history: requests first, then the first Strapi events. */
export function recordedTriggers(items: readonly Trigger[]): { trigger: Trigger[]; triggerCount: number } {
  const ordered = [...items.filter((t) => t.source !== 'strapi' || t.merged !== undefined), ...items.filter((t) => t.source === 'strapi' && t.merged === undefined)];
  const triggerCount = items.reduce((sum, t) => sum + (t.merged ?? 1), 0);
  return { trigger: ordered.slice(0, RECORDED_TRIGGERS), triggerCount };
}
