import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const schema = z.object({
  /** `false` stores no versions (the benchmark's comparison; never in production). */
  HISTORY_ENABLED: flag.default('true'),
  /** Versions kept per entry of a type without drafts (categories, people…); a draft & publish type keeps every one. */
  HISTORY_KEEP_LIVE: z.coerce.number().int().min(1).default(50),
  /** When set, versions older than this many days are dropped, the newest of each entry always kept. */
  HISTORY_MAX_AGE_DAYS: z.coerce.number().int().min(1).optional(),
});

export type HistorySettings = z.infer<typeof schema>;

/** Read from the environment at each write, so a test (or an operator) may change it without a restart. */
export function historySettings(env: NodeJS.ProcessEnv = process.env): HistorySettings {
  const parsed = schema.safeParse({
    HISTORY_ENABLED: env.HISTORY_ENABLED || undefined,
    HISTORY_KEEP_LIVE: env.HISTORY_KEEP_LIVE || undefined,
    HISTORY_MAX_AGE_DAYS: env.HISTORY_MAX_AGE_DAYS || undefined,
  });
  if (!parsed.success) throw new Error(`Version history settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
