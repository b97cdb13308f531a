import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { parsePageKey, type EngagementType } from '../../cms/src/engagement/engagement-tables.js';

const manifestSchema = z.object({
  version: z.literal(1),
  pages: z.array(
    z.object({
      key: z.string(),
      path: z.string(),
      title: z.string(),
      // The number the release's page shows, the base of a live count the CMS has not synced yet.
      views: z.number().int().nonnegative().optional(),
    }),
  ),
});

export interface ManifestPage {
  key: string;
  type: EngagementType;
  documentId: string;
  path: string;
  title: string;
  views: number;
}

/** How often the live release is looked at again: a swap is picked up within this. */
const RECHECK_MS = 1000;

/**
 * The pages of the live release (`engagement-pages.json`, written by the site build): the only
 * keys the service counts or rates, so a forged key can neither grow the tables nor reach the
 * CMS. Re-read when the release changes; a broken file keeps the last good one.
 */
export function pageManifest(file: string, log: (line: string) => void = () => {}) {
  let pages = new Map<string, ManifestPage>();
  let stamp = '';
  let checkedAt = 0;
  let pending: Promise<void> | undefined;

  async function reload(): Promise<void> {
    const stats = await stat(file).catch(() => undefined);
    const next = stats ? `${stats.ino}:${stats.mtimeMs}:${stats.size}` : 'missing';
    if (next === stamp) return;
    stamp = next;
    if (!stats) {
      pages = new Map();
      return;
    }
    try {
      const parsed = manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      pages = new Map(
        parsed.pages.flatMap((page) => {
          const key = parsePageKey(page.key);
          return key ? [[page.key, { ...page, ...key, views: page.views ?? 0 }]] : [];
        }),
      );
    } catch (error) {
      log(`engagement: ${file} ignored: ${(error as Error).message}`);
    }
  }

  return {
    async get(key: string): Promise<ManifestPage | undefined> {
      if (Date.now() - checkedAt > RECHECK_MS) {
        checkedAt = Date.now();
        pending ??= reload().finally(() => (pending = undefined));
      }
      if (pending) await pending;
      return pages.get(key);
    },
  };
}

export type PageManifest = ReturnType<typeof pageManifest>;
