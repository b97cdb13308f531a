import { z } from 'zod';

/**
 * What the publisher and its site renderer say to each other over the IPC channel. `full`
 * is a whole `astro build`, and the first request a renderer takes; `incremental` renders
 * again, from what that build kept, the pages the page map selects. Each request carries
 * the whole environment of its build (outDir, page maps, CMS token).
 */
export const renderRequestSchema = z.object({
  kind: z.enum(['full', 'incremental']),
  outDir: z.string().min(1),
  env: z.record(z.string()),
});
export type RenderRequest = z.infer<typeof renderRequestSchema>;

export const renderReplySchema = z.discriminatedUnion('type', [
  /** An incremental request's pages are written; the sitemap is still to come. */
  z.object({ type: z.literal('pages') }),
  /** `kept`: the renderer holds the build and can take incremental requests. */
  z.object({ type: z.literal('done'), kept: z.boolean() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type RenderReply = z.infer<typeof renderReplySchema>;
