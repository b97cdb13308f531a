import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const brokenLinkSchema = z.object({ url: z.string(), text: z.string(), reason: z.string() });

export const linkReportSchema = z.object({
  version: z.literal(1),
  releaseId: z.string(),
  checkedAt: z.string().datetime(),
  durationMs: z.number().nonnegative(),
  counts: z.object({
    entries: z.number().int().nonnegative(),
    links: z.number().int().nonnegative(),
    broken: z.number().int().nonnegative(),
    /** External links asked this time (the rest came from the cache or wait for the next release). */
    externalChecked: z.number().int().nonnegative(),
    /** External links past LINK_CHECK_EXTERNAL_BUDGET, left for a later release. */
    externalDeferred: z.number().int().nonnegative(),
    /** Links no answer condemned (no DNS here, timeout, refused, 5xx, 401/403/429): not broken, asked again within the hour. */
    unchecked: z.number().int().nonnegative(),
  }),
  entries: z.array(
    z.object({
      uid: z.string(),
      documentId: z.string(),
      title: z.string(),
      adminUrl: z.string(),
      broken: z.array(brokenLinkSchema).min(1),
    }),
  ),
});
export type LinkReport = z.infer<typeof linkReportSchema>;
export type BrokenLink = z.infer<typeof brokenLinkSchema>;

export const linkReportFile = (publisherDir: string) => path.join(publisherDir, 'link-report.json');

/** The last report, or null when there is none yet or it cannot be read as one. */
export async function readLinkReport(publisherDir: string): Promise<LinkReport | null> {
  const text = await readFile(linkReportFile(publisherDir), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = linkReportSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeLinkReport(publisherDir: string, report: LinkReport): Promise<void> {
  const file = linkReportFile(publisherDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(report, null, 2));
  await rename(temporary, file);
}

/**
 * The report as anyone may read it (status-detail.ts): the counts, no entries, since titles,
 * documentIds and admin links are the detail's.
 */
export const publicLinkReport = (report: LinkReport): LinkReport => ({ ...report, entries: [] });

/** Where an editor fixes the entry: the content manager's own address (`api::article.article` as is; the uid is a declaration's). */
export const adminEntryUrl = (cmsPublicUrl: string, uid: string, documentId: string) =>
  `${cmsPublicUrl.replace(/\/+$/, '')}/admin/content-manager/collection-types/${uid}/${encodeURIComponent(documentId)}`;
