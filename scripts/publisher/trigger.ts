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
});
export type Trigger = z.infer<typeof triggerSchema>;

export function newTrigger(fields: Omit<Trigger, 'id' | 'at'>, at = new Date()): Trigger {
  return { id: randomBytes(6).toString('base64url'), ...fields, at: at.toISOString() };
}
