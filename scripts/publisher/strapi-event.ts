import { z } from 'zod';
import { declarationOf, eventClass } from '../../cms/src/content-model/content-types.js';

/** The part of a Strapi 5 webhook body the decision reads; other fields pass through unread. */
export const strapiEventSchema = z.object({
  event: z.string().min(1),
  createdAt: z.union([z.string(), z.number()]).pipe(z.coerce.date()),
  model: z.string().optional(),
  uid: z.string().optional(),
  entry: z.record(z.unknown()).nullable().optional(),
});
export type StrapiEvent = z.infer<typeof strapiEventSchema>;

export interface EventDecision {
  queued: boolean;
  reason: string;
  /** Strapi sends one event per row (draft and published, each locale): one key per document and event. */
  dedupeKey?: string;
  documentId?: string;
}

function typeName(event: StrapiEvent): string | undefined {
  return /^api::([^.]+)\./.exec(event.uid ?? '')?.[1] ?? event.model;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Whether an event changes what the public site shows, and why. */
export function decideStrapiEvent(event: StrapiEvent): EventDecision {
  // A new file is on no page until an entry shows it, and that entry's own event rebuilds its
  // pages. A replaced or deleted file is on the pages of every entry that shows it, which the
  // loader does not re-read (their updatedAt stays): those rebuild in full.
  if (event.event === 'media.create') return { queued: false, reason: 'media.create: a new file is on no page until an entry that shows it is published' };
  if (event.event.startsWith('media.')) return { queued: true, reason: `${event.event}: the media library changed` };
  if (event.event === 'releases.publish') return { queued: true, reason: 'releases.publish: a content release was published' };
  if (!event.event.startsWith('entry.')) return { queued: false, reason: `${event.event} does not change the public site` };

  const type = typeName(event) ?? 'unknown type';
  const documentId = text(event.entry?.documentId);
  const queue = (reason: string): EventDecision => ({
    queued: true,
    reason: `${event.event} (${type}): ${reason}`,
    ...(documentId ? { documentId, dedupeKey: `${event.event}:${documentId}` } : {}),
  });
  const skip = (reason: string): EventDecision => ({ queued: false, reason: `${event.event} (${type}): ${reason}`, ...(documentId ? { documentId } : {}) });

  // Each type's class comes from its declaration (cms/src/content-model/); a type the portal
  // does not declare is treated as live, so its every change rebuilds.
  const declaration = declarationOf(event.uid);
  if (!declaration) return queue('a type the portal does not declare, rebuilding to be safe');
  if (eventClass(declaration) === 'live') return queue('this type has no drafts, every change is live');

  // `publishedAt: null` marks the draft row; a missing entry or field cannot be told apart, so it rebuilds.
  const draftRow = event.entry != null && event.entry.publishedAt === null;
  switch (event.event) {
    case 'entry.publish':
      return queue('published');
    case 'entry.unpublish':
      return queue('unpublished');
    case 'entry.draft-discard':
      return skip('draft discarded, the published version is unchanged');
    case 'entry.delete':
      return draftRow ? skip('only the draft row was deleted') : queue('a published version was deleted');
    case 'entry.create':
    case 'entry.update':
      return draftRow ? skip('draft saved, nothing public changed') : queue('a published row changed');
    default:
      return queue('unrecognised entry event, rebuilding to be safe');
  }
}
