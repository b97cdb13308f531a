import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** An external link's last answer is trusted this long: a release a minute does not ask a site again. */
export const CACHE_MS = 24 * 60 * 60_000;

const cacheSchema = z.object({
  version: z.literal(1),
  links: z.record(z.string(), z.object({ checkedAt: z.string().datetime(), broken: z.string().nullable() })),
});
export type LinkCache = z.infer<typeof cacheSchema>['links'];

/** The cache in PUBLISHER_DIR/link-cache.json; unreadable or malformed, it is empty (every link is asked again, within the budget). */
export async function readLinkCache(file: string, now: Date): Promise<LinkCache> {
  const text = await readFile(file, 'utf8').catch(() => '');
  let parsed: z.SafeParseReturnType<unknown, z.infer<typeof cacheSchema>>;
  try {
    parsed = cacheSchema.safeParse(JSON.parse(text));
  } catch {
    return {};
  }
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data.links).filter(([, entry]) => fresh(entry.checkedAt, now)));
}

export const fresh = (checkedAt: string, now: Date) => now.getTime() - Date.parse(checkedAt) < CACHE_MS;

/** Written whole through a temporary file: a crash leaves the old cache or the new one. */
export async function writeLinkCache(file: string, links: LinkCache): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: 1, links }));
  await rename(temporary, file);
}
