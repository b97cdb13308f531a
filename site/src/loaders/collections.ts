/**
 * What the loader asks Strapi for, per collection, and how a REST entry becomes a stored
 * entry. Relations are kept as documentIds and joined at page time, so an entry changes
 * only when its own content changes and incremental syncs stay exact.
 */
import { z } from 'astro/zod';
import { CONTENT_TYPES, QUESTION_TOPICS, UNIT_TYPE_KEYS, type ContentTypeDeclaration, type QuestionTopic } from '../lib/content-model.js';

const media = z.object({
  url: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alternativeText: z.string().nullish(),
  mime: z.string(),
});
const ref = z.object({ documentId: z.string() });
const photo = z.object({ image: media, caption: z.string().nullish(), alt: z.string().min(1), credit: z.string().nullish() });
const stamps = { documentId: z.string().min(1), updatedAt: z.string(), publishedAt: z.string().nullish() };

const MEDIA_FIELDS = ['url', 'width', 'height', 'alternativeText', 'mime'];
/** A document's files: no dimensions, a name and a size (KB, as Strapi reports it) to show. */
const attachment = z.object({ url: z.string().min(1), name: z.string(), ext: z.string().nullish().transform((e) => e ?? ''), mime: z.string(), size: z.number().nonnegative() });
const ATTACHMENT_FIELDS = ['url', 'name', 'ext', 'mime', 'size'];
const ID_ONLY = { fields: ['documentId'] };

export type Media = z.infer<typeof media>;
type Absolute = (url: string) => string;

const image = (m: Media, abs: Absolute) => ({ ...m, url: abs(m.url), alternativeText: m.alternativeText ?? null });
const photoOut = (p: z.infer<typeof photo>, abs: Absolute) => ({ ...p, image: image(p.image, abs) });

export interface CollectionSpec<Raw extends z.ZodTypeAny = z.ZodTypeAny> {
  /** REST path under /api/: the declaration's restPath. */
  endpoint: string;
  single?: boolean;
  /** Explicit populate: only what the pages show, never populate=*. */
  populate: Record<string, unknown>;
  raw: Raw;
  normalize(raw: z.infer<Raw>, abs: Absolute): Record<string, unknown>;
}

const spec = <Raw extends z.ZodTypeAny>(s: CollectionSpec<Raw>) => s;

/** Where a collection's entries come from, as its declaration says (cms/src/content-model/). */
const declared = (type: ContentTypeDeclaration) => ({ endpoint: type.restPath, single: type.kind === 'singleType' });

export const COLLECTIONS = {
  [CONTENT_TYPES.article.collection]: spec({
    ...declared(CONTENT_TYPES.article),
    populate: {
      cover: { populate: { image: { fields: MEDIA_FIELDS } } },
      category: ID_ONLY,
      attendees: { populate: { person: ID_ONLY } },
      resolutionTasks: ID_ONLY,
      galleries: ID_ONLY,
      legalDocuments: ID_ONLY,
      seo: { populate: { shareImage: { fields: MEDIA_FIELDS } } },
    },
    raw: z.object({
      ...stamps,
      title: z.string().min(1),
      slug: z.string().min(1),
      lead: z.string().nullish(),
      body: z.string().nullish(),
      postedAt: z.string().nullish(),
      originUnit: z.string().nullish(),
      viewCount: z.number().int().nonnegative().nullish(),
      featured: z.boolean().nullish(),
      cover: photo.nullish(),
      category: ref.nullish(),
      attendees: z.array(z.object({ position: z.string(), person: ref.nullish() })).default([]),
      resolutionTasks: z.array(ref).default([]),
      galleries: z.array(ref).default([]),
      legalDocuments: z.array(ref).default([]),
      seo: z.object({ metaTitle: z.string().nullish(), metaDescription: z.string().nullish(), shareImage: media.nullish() }).nullish(),
    }),
    normalize: (a, abs) => ({
      documentId: a.documentId,
      title: a.title,
      slug: a.slug,
      lead: a.lead ?? null,
      body: a.body ?? '',
      // "Ngày đăng" defaults to the first publish; an entry published before that rule has publishedAt.
      postedAt: a.postedAt ?? a.publishedAt ?? a.updatedAt,
      updatedAt: a.updatedAt,
      originUnit: a.originUnit ?? null,
      viewCount: a.viewCount ?? 0,
      featured: a.featured ?? false,
      cover: a.cover ? photoOut(a.cover, abs) : null,
      category: a.category?.documentId ?? null,
      attendees: a.attendees.flatMap((x) => (x.person ? [{ person: x.person.documentId, position: x.position }] : [])),
      tasks: a.resolutionTasks.map((t) => t.documentId),
      galleries: a.galleries.map((g) => g.documentId),
      legalDocuments: a.legalDocuments.map((d) => d.documentId),
      seo: a.seo
        ? {
            metaTitle: a.seo.metaTitle ?? null,
            metaDescription: a.seo.metaDescription ?? null,
            shareImage: a.seo.shareImage ? image(a.seo.shareImage, abs) : null,
          }
        : null,
    }),
  }),
  [CONTENT_TYPES.attendee.collection]: spec({
    ...declared(CONTENT_TYPES.attendee),
    populate: { portrait: { fields: MEDIA_FIELDS } },
    raw: z.object({
      ...stamps,
      fullName: z.string().min(1),
      slug: z.string().min(1),
      honorific: z.string().nullish(),
      currentPosition: z.string().nullish(),
      organisation: z.string().nullish(),
      portrait: media.nullish(),
      bio: z.string().nullish(),
      positionEnglish: z.string().nullish(),
      leaderOrder: z.number().int().positive().nullish(),
      duties: z.string().nullish(),
      officePhone: z.string().nullish(),
      officialEmail: z.string().nullish(),
    }),
    normalize: (p, abs) => ({
      documentId: p.documentId,
      fullName: p.fullName,
      slug: p.slug,
      honorific: p.honorific ?? null,
      currentPosition: p.currentPosition ?? null,
      organisation: p.organisation ?? null,
      portrait: p.portrait ? image(p.portrait, abs) : null,
      bio: p.bio ?? null,
      positionEnglish: p.positionEnglish ?? null,
      leaderOrder: p.leaderOrder ?? null,
      duties: p.duties ?? null,
      officePhone: p.officePhone ?? null,
      officialEmail: p.officialEmail ?? null,
      updatedAt: p.updatedAt,
    }),
  }),
  [CONTENT_TYPES.resolutionTask.collection]: spec({
    ...declared(CONTENT_TYPES.resolutionTask),
    populate: { sourceArticle: ID_ONLY },
    raw: z.object({
      ...stamps,
      title: z.string().min(1),
      description: z.string().nullish(),
      year: z.number().int(),
      order: z.number().int().positive(),
      status: z.enum(['planned', 'in_progress', 'done']),
      responsibleUnit: z.string().nullish(),
      dueDate: z.string().nullish(),
      sourceArticle: ref.nullish(),
    }),
    normalize: (t) => ({
      documentId: t.documentId,
      title: t.title,
      description: t.description ?? '',
      year: t.year,
      order: t.order,
      status: t.status,
      responsibleUnit: t.responsibleUnit ?? null,
      dueDate: t.dueDate ?? null,
      sourceArticle: t.sourceArticle?.documentId ?? null,
      updatedAt: t.updatedAt,
    }),
  }),
  [CONTENT_TYPES.photoGallery.collection]: spec({
    ...declared(CONTENT_TYPES.photoGallery),
    populate: { photos: { populate: { image: { fields: MEDIA_FIELDS } } }, article: ID_ONLY },
    raw: z.object({
      ...stamps,
      title: z.string().min(1),
      slug: z.string().min(1),
      description: z.string().nullish(),
      takenAt: z.string().nullish(),
      photos: z.array(photo).default([]),
      article: ref.nullish(),
      viewCount: z.number().int().nonnegative().nullish(),
    }),
    normalize: (g, abs) => ({
      documentId: g.documentId,
      title: g.title,
      slug: g.slug,
      description: g.description ?? null,
      takenAt: g.takenAt ?? null,
      photos: g.photos.map((p) => photoOut(p, abs)),
      article: g.article?.documentId ?? null,
      viewCount: g.viewCount ?? 0,
      updatedAt: g.updatedAt,
    }),
  }),
  [CONTENT_TYPES.category.collection]: spec({
    ...declared(CONTENT_TYPES.category),
    populate: {},
    raw: z.object({
      ...stamps,
      name: z.string().min(1),
      slug: z.string().min(1),
      description: z.string().nullish(),
      order: z.number().int().nullish(),
    }),
    normalize: (c) => ({
      documentId: c.documentId,
      name: c.name,
      slug: c.slug,
      description: c.description ?? null,
      order: c.order ?? 0,
      updatedAt: c.updatedAt,
    }),
  }),
  [CONTENT_TYPES.legalDocument.collection]: spec({
    ...declared(CONTENT_TYPES.legalDocument),
    populate: {
      documentType: ID_ONLY,
      replacedBy: ID_ONLY,
      attachments: { fields: ATTACHMENT_FIELDS },
      articles: ID_ONLY,
      tasks: ID_ONLY,
    },
    raw: z.object({
      ...stamps,
      number: z.string().min(1),
      slug: z.string().min(1),
      documentType: ref.nullish(),
      issuingBody: z.string().nullish(),
      signer: z.string().nullish(),
      signerPosition: z.string().nullish(),
      issuedAt: z.string().min(1),
      effectiveAt: z.string().nullish(),
      validity: z.enum(['in_force', 'expired', 'replaced']),
      replacedBy: ref.nullish(),
      summary: z.string().min(1),
      subjectArea: z.string().nullish(),
      attachments: z.array(attachment).nullish(),
      articles: z.array(ref).default([]),
      tasks: z.array(ref).default([]),
      viewCount: z.number().int().nonnegative().nullish(),
    }),
    normalize: (d, abs) => ({
      documentId: d.documentId,
      number: d.number,
      slug: d.slug,
      documentType: d.documentType?.documentId ?? null,
      issuingBody: d.issuingBody ?? null,
      signer: d.signer ?? null,
      signerPosition: d.signerPosition ?? null,
      issuedAt: d.issuedAt,
      effectiveAt: d.effectiveAt ?? null,
      validity: d.validity,
      replacedBy: d.replacedBy?.documentId ?? null,
      summary: d.summary,
      subjectArea: d.subjectArea ?? null,
      attachments: (d.attachments ?? []).map((file) => ({ ...file, url: abs(file.url) })),
      articles: d.articles.map((a) => a.documentId),
      tasks: d.tasks.map((t) => t.documentId),
      viewCount: d.viewCount ?? 0,
      updatedAt: d.updatedAt,
    }),
  }),
  [CONTENT_TYPES.documentType.collection]: spec({
    ...declared(CONTENT_TYPES.documentType),
    populate: {},
    raw: z.object({
      ...stamps,
      name: z.string().min(1),
      slug: z.string().min(1),
      order: z.number().int().nullish(),
    }),
    normalize: (t) => ({
      documentId: t.documentId,
      name: t.name,
      slug: t.slug,
      order: t.order ?? 0,
      updatedAt: t.updatedAt,
    }),
  }),
  [CONTENT_TYPES.siteSetting.collection]: spec({
    ...declared(CONTENT_TYPES.siteSetting),
    populate: { emblem: { fields: MEDIA_FIELDS }, map: { populate: { image: { fields: MEDIA_FIELDS } } } },
    raw: z.object({
      ...stamps,
      portalName: z.string().min(1),
      slogan: z.string().nullish(),
      sloganYear: z.number().int().nullish(),
      address: z.string().nullish(),
      phone: z.string().nullish(),
      email: z.string().nullish(),
      footerText: z.string().nullish(),
      unitType: z.enum(UNIT_TYPE_KEYS).nullish(),
      unitName: z.string().nullish(),
      agencyName: z.string().nullish(),
      parentUnit: z.string().nullish(),
      emblem: media.nullish(),
      responsiblePerson: z.string().nullish(),
      licence: z.string().nullish(),
      officeHours: z.string().nullish(),
      domain: z.string().nullish(),
      spokespersonName: z.string().nullish(),
      spokespersonTitle: z.string().nullish(),
      spokespersonPhone: z.string().nullish(),
      spokespersonEmail: z.string().nullish(),
      infoRequestContact: z.string().nullish(),
      map: photo.nullish(),
      englishProfile: z.string().nullish(),
    }),
    normalize: (s, abs) => ({
      portalName: s.portalName,
      slogan: s.slogan ?? null,
      sloganYear: s.sloganYear ?? null,
      address: s.address ?? null,
      phone: s.phone ?? null,
      email: s.email ?? null,
      footerText: s.footerText ?? null,
      unitType: s.unitType ?? null,
      unitName: s.unitName ?? null,
      agencyName: s.agencyName ?? null,
      parentUnit: s.parentUnit ?? null,
      emblem: s.emblem ? image(s.emblem, abs) : null,
      responsiblePerson: s.responsiblePerson ?? null,
      licence: s.licence ?? null,
      officeHours: s.officeHours ?? null,
      domain: s.domain ?? null,
      spokesperson: s.spokespersonName
        ? { name: s.spokespersonName, title: s.spokespersonTitle ?? null, phone: s.spokespersonPhone ?? null, email: s.spokespersonEmail ?? null }
        : null,
      infoRequestContact: s.infoRequestContact ?? null,
      map: s.map ? photoOut(s.map, abs) : null,
      englishProfile: s.englishProfile ?? null,
    }),
  }),
  [CONTENT_TYPES.page.collection]: spec({
    ...declared(CONTENT_TYPES.page),
    populate: {
      image: { populate: { image: { fields: MEDIA_FIELDS } } },
      parent: ID_ONLY,
      seo: { populate: { shareImage: { fields: MEDIA_FIELDS } } },
    },
    raw: z.object({
      ...stamps,
      title: z.string().min(1),
      slug: z.string().min(1),
      summary: z.string().nullish(),
      body: z.string().nullish(),
      image: photo.nullish(),
      parent: ref.nullish(),
      order: z.number().int().nullish(),
      seo: z.object({ metaTitle: z.string().nullish(), metaDescription: z.string().nullish(), shareImage: media.nullish() }).nullish(),
    }),
    normalize: (p, abs) => ({
      documentId: p.documentId,
      title: p.title,
      slug: p.slug,
      summary: p.summary ?? null,
      body: p.body ?? '',
      image: p.image ? photoOut(p.image, abs) : null,
      parent: p.parent?.documentId ?? null,
      order: p.order ?? 0,
      seo: p.seo
        ? {
            metaTitle: p.seo.metaTitle ?? null,
            metaDescription: p.seo.metaDescription ?? null,
            shareImage: p.seo.shareImage ? image(p.seo.shareImage, abs) : null,
          }
        : null,
      updatedAt: p.updatedAt,
    }),
  }),
  [CONTENT_TYPES.notice.collection]: spec({
    ...declared(CONTENT_TYPES.notice),
    populate: {},
    raw: z.object({
      ...stamps,
      title: z.string().min(1),
      slug: z.string().min(1),
      kind: z.enum(['general', 'downtime']).nullish(),
      postedAt: z.string().nullish(),
      summary: z.string().nullish(),
      body: z.string().nullish(),
      alertSeverity: z.enum(['info', 'warning', 'urgent']).nullish(),
      alertText: z.string().nullish(),
      alertStartsAt: z.string().nullish(),
      alertEndsAt: z.string().nullish(),
      unpublishAt: z.string().nullish(),
    }),
    normalize: (n) => ({
      documentId: n.documentId,
      title: n.title,
      slug: n.slug,
      kind: n.kind ?? 'general',
      postedAt: n.postedAt ?? n.publishedAt ?? n.updatedAt,
      summary: n.summary ?? null,
      body: n.body ?? '',
      // The banner runs from its start (or the publish) to its end (or the scheduled unpublish).
      alert: n.alertSeverity
        ? {
            severity: n.alertSeverity,
            text: n.alertText ?? null,
            startsAt: n.alertStartsAt ?? null,
            endsAt: n.alertEndsAt ?? n.unpublishAt ?? null,
          }
        : null,
      updatedAt: n.updatedAt,
    }),
  }),
  [CONTENT_TYPES.procedure.collection]: spec({
    ...declared(CONTENT_TYPES.procedure),
    populate: {},
    raw: z.object({
      ...stamps,
      code: z.string().min(1),
      name: z.string().min(1),
      slug: z.string().min(1),
      subjectArea: z.string().min(1),
      level: z.enum(['full_online', 'partial_online', 'information']),
      nationalPortalUrl: z.string().url(),
      implementingBody: z.string().nullish(),
      processingTime: z.string().nullish(),
      fee: z.string().nullish(),
      summary: z.string().nullish(),
      body: z.string().nullish(),
    }),
    normalize: (p) => ({
      documentId: p.documentId,
      code: p.code,
      name: p.name,
      slug: p.slug,
      subjectArea: p.subjectArea,
      level: p.level,
      nationalPortalUrl: p.nationalPortalUrl,
      implementingBody: p.implementingBody ?? null,
      processingTime: p.processingTime ?? null,
      fee: p.fee ?? null,
      summary: p.summary ?? null,
      body: p.body ?? '',
      updatedAt: p.updatedAt,
    }),
  }),
  [CONTENT_TYPES.question.collection]: spec({
    ...declared(CONTENT_TYPES.question),
    populate: {},
    // The asker's email is private in the schema: no answer carries it, and none is asked for.
    raw: z.object({
      ...stamps,
      title: z.string().min(1),
      slug: z.string().min(1),
      topic: z.enum(Object.keys(QUESTION_TOPICS) as [QuestionTopic, ...QuestionTopic[]]),
      question: z.string().min(1),
      askerName: z.string().nullish(),
      submittedAt: z.string().nullish(),
      answer: z.string().nullish(),
      answeringUnit: z.string().nullish(),
      answeredAt: z.string().nullish(),
    }),
    normalize: (q) => ({
      documentId: q.documentId,
      title: q.title,
      slug: q.slug,
      topic: q.topic,
      question: q.question,
      askerName: q.askerName ?? null,
      submittedAt: q.submittedAt ?? q.publishedAt ?? q.updatedAt,
      answer: q.answer ?? '',
      answeringUnit: q.answeringUnit ?? null,
      // The CMS publishes only an answered question; a date is there unless set by hand in the database.
      answeredAt: q.answeredAt ?? (q.publishedAt ?? q.updatedAt).slice(0, 10),
      updatedAt: q.updatedAt,
    }),
  }),
  [CONTENT_TYPES.redirect.collection]: spec({
    ...declared(CONTENT_TYPES.redirect),
    populate: {},
    // Loose on purpose: a rule the release cannot hold is dropped with a warning when the
    // rules are made (site/src/lib/redirect-rules.ts), not a failed build of every page.
    raw: z.object({
      ...stamps,
      from: z.string(),
      to: z.string().nullish(),
      code: z.number().int(),
      title: z.string().nullish(),
      reason: z.string().nullish(),
      firstPublishedAt: z.string().nullish(),
      withdrawnAt: z.string().nullish(),
    }),
    normalize: (r) => ({
      documentId: r.documentId,
      from: r.from,
      to: r.to ?? null,
      code: r.code,
      title: r.title ?? null,
      reason: r.reason ?? null,
      firstPublishedAt: r.firstPublishedAt ?? null,
      withdrawnAt: r.withdrawnAt ?? null,
      updatedAt: r.updatedAt,
    }),
  }),
} satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
