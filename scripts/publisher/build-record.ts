import { z } from 'zod';
import { triggerSchema } from './trigger.js';

const deployResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type DeployResult = z.infer<typeof deployResultSchema>;

/** One build attempt, as the status and the history show it. */
export const buildRecordSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  ok: z.boolean(),
  error: z.string().nullable(),
  /** The first RECORDED_TRIGGERS of the batch, requests first. */
  trigger: z.array(triggerSchema),
  /** How many events the batch carried in all (absent in records written before the bound). */
  triggerCount: z.number().int().min(0).optional(),
  /** 1 for the first try of a batch, 2+ for retries. */
  attempt: z.number().int().min(1),
  clearCache: z.boolean(),
  /** Relative to PUBLISHER_DIR. */
  log: z.string(),
  deploy: deployResultSchema.optional(),
  /** Full or incremental, why, and how many pages an incremental build rendered. */
  build: z.object({ kind: z.enum(['full', 'incremental']), reason: z.string(), pagesRendered: z.number().int().optional() }).optional(),
});
export type BuildRecord = z.infer<typeof buildRecordSchema>;
