import { describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES, CONTENT_TYPES, eventClass } from '../../../cms/src/content-model/content-types.js';
import { decideStrapiEvent, strapiEventSchema } from '../../../scripts/publisher/strapi-event.js';

const at = '2026-11-27T08:00:00.000Z';
const event = (name: string, type: string | undefined, entry: Record<string, unknown> | null | undefined) =>
  strapiEventSchema.parse({ event: name, createdAt: at, ...(type ? { model: type, uid: `api::${type}.${type}` } : {}), ...(entry !== undefined ? { entry } : {}) });

describe('decideStrapiEvent', () => {
  it.each([
    ['entry.create', 'article', { documentId: 'a', publishedAt: null }, false],
    ['entry.update', 'article', { documentId: 'a', publishedAt: null }, false],
    ['entry.update', 'photo-gallery', { documentId: 'g', publishedAt: null }, false],
    ['entry.delete', 'article', { documentId: 'a', publishedAt: null }, false],
    ['entry.draft-discard', 'article', { documentId: 'a', publishedAt: null }, false],
    ['entry.publish', 'article', { documentId: 'a', publishedAt: at }, true],
    ['entry.publish', 'article', null, true],
    ['entry.publish', 'article', undefined, true],
    ['entry.unpublish', 'photo-gallery', { documentId: 'g', publishedAt: at }, true],
    ['entry.delete', 'article', { documentId: 'a', publishedAt: at }, true],
    // Created straight as published (status=published): the row carries a date.
    ['entry.create', 'article', { documentId: 'a', publishedAt: at }, true],
    // A field that is absent cannot be told from a draft: rebuild.
    ['entry.update', 'article', { documentId: 'a' }, true],
    ['entry.update', 'attendee', { documentId: 'p', publishedAt: at }, true],
    ['entry.create', 'resolution-task', { documentId: 't', publishedAt: at }, true],
    ['entry.delete', 'category', { documentId: 'c', publishedAt: at }, true],
    ['entry.update', 'site-setting', { documentId: 's', publishedAt: at }, true],
    ['entry.update', 'new-type', { documentId: 'n', publishedAt: null }, true],
    // An upload is on no page until an entry that shows it is published.
    ['media.create', undefined, undefined, false],
    ['media.update', undefined, undefined, true],
    ['media.delete', undefined, undefined, true],
    ['releases.publish', undefined, undefined, true],
    ['review-workflows.updateEntryStage', 'article', { documentId: 'a' }, false],
  ] as const)('%s on %s %j → queued %s', (name, type, entry, queued) => {
    const decision = decideStrapiEvent(event(name, type, entry as Record<string, unknown> | null | undefined));
    expect(decision.queued).toBe(queued);
    expect(decision.reason).toContain(name);
  });

  // Every declared type, from its declaration alone: a type without a Strapi schema yet (Văn bản) included.
  const byUid = (name: string, uid: string, entry: Record<string, unknown>) =>
    decideStrapiEvent(strapiEventSchema.parse({ event: name, createdAt: at, model: uid.split('.')[1], uid, entry }));
  const draftAndPublish = ALL_CONTENT_TYPES.filter((type) => eventClass(type) === 'draft-and-publish').map((type) => [type.uid] as const);
  const live = ALL_CONTENT_TYPES.filter((type) => eventClass(type) === 'live').map((type) => [type.uid] as const);

  it('declares both classes, Văn bản with drafts and its list of types without', () => {
    expect(draftAndPublish.map(([uid]) => uid)).toContain(CONTENT_TYPES.legalDocument.uid);
    expect(live.map(([uid]) => uid)).toContain(CONTENT_TYPES.documentType.uid);
    expect(draftAndPublish.length + live.length).toBe(ALL_CONTENT_TYPES.length);
  });

  it.each(draftAndPublish)('%s has drafts: saving, deleting or discarding a draft is skipped; publishing, unpublishing and deleting the published version are queued', (uid) => {
    for (const name of ['entry.create', 'entry.update', 'entry.delete', 'entry.draft-discard']) {
      expect(byUid(name, uid, { documentId: 'd', publishedAt: null }).queued, name).toBe(false);
    }
    for (const name of ['entry.publish', 'entry.unpublish', 'entry.delete', 'entry.update']) {
      expect(byUid(name, uid, { documentId: 'd', publishedAt: at }).queued, name).toBe(true);
    }
  });

  it.each(live)('%s has no drafts: every change is queued', (uid) => {
    for (const name of ['entry.create', 'entry.update', 'entry.delete']) {
      const decision = byUid(name, uid, { documentId: 'd', publishedAt: null });
      expect(decision.queued, name).toBe(true);
      expect(decision.reason).toContain('no drafts');
    }
  });

  it('rebuilds for a type the portal does not declare, whatever the row says', () => {
    const decision = byUid('entry.update', 'api::poll.poll', { documentId: 'p', publishedAt: null });
    expect(decision).toMatchObject({ queued: true, documentId: 'p' });
    expect(decision.reason).toContain('does not declare');
  });

  it('keys twins on documentId and event, never on the row id', () => {
    const draftRow = decideStrapiEvent(event('entry.publish', 'article', { id: 1, documentId: 'h0km', locale: 'vi' }));
    const otherRow = decideStrapiEvent(event('entry.publish', 'article', { id: 2, documentId: 'h0km', locale: 'en' }));
    const unpublish = decideStrapiEvent(event('entry.unpublish', 'article', { id: 2, documentId: 'h0km' }));
    expect(draftRow.dedupeKey).toBe('entry.publish:h0km');
    expect(otherRow.dedupeKey).toBe(draftRow.dedupeKey);
    expect(unpublish.dedupeKey).not.toBe(draftRow.dedupeKey);
    expect(decideStrapiEvent(event('entry.publish', 'article', null)).dedupeKey).toBeUndefined();
  });

  it.each([
    [{}],
    [{ event: 'entry.publish' }],
    [{ event: '', createdAt: at }],
    [{ event: 'entry.publish', createdAt: 'not a date' }],
    [{ event: 'entry.publish', createdAt: at, entry: 'text' }],
    [{ event: 42, createdAt: at }],
  ])('refuses a body that is not a Strapi event: %j', (body) => {
    expect(strapiEventSchema.safeParse(body).success).toBe(false);
  });
});
