import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LinkVerdict } from './link-verdict.js';

/** An external link's last answer is trusted this long: a release a minute does not ask a site again. */
export const CACHE_MS = 24 * 60 * 60_000;
/** A link that could not be checked is asked again sooner: the site may be back. */
export const UNCHECKED_CACHE_MS = 60 * 60_000;

const verdictSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('broken'), reason: z.string() }),
  z.object({ state: z.literal('unchecked'), reason: z.string() }),
]);

const cacheSchema = z.object({
  version: z.literal(2),
  links: z.record(z.string(), z.object({ checkedAt: z.string().datetime(), verdict: verdictSchema })),
});
export type LinkCache = Record<string, { checkedAt: string; verdict: LinkVerdict }>;

/** The cache in PUBLISHER_DIR/link-cache.json; unreadable, malformed or of an older version, it is empty (every link is asked again, within the budget). */
export async function readLinkCache(file: string, now: Date): Promise<LinkCache> {
  const text = await readFile(file, 'utf8').catch(() => '');
  let parsed: z.SafeParseReturnType<unknown, z.infer<typeof cacheSchema>>;
  try {
    parsed = cacheSchema.safeParse(JSON.parse(text));
  } catch {
    return {};
  }
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data.links).filter(([, entry]) => fresh(entry, now)));
}

export const fresh = (entry: LinkCache[string], now: Date) =>
  now.getTime() - Date.parse(entry.checkedAt) < (entry.verdict.state === 'unchecked' ? UNCHECKED_CACHE_MS : CACHE_MS);

/** Written whole through a temporary file: a crash leaves the old cache or the new one. */
export async function writeLinkCache(file: string, links: LinkCache): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: 2, links }));
  await rename(temporary, file);
}
