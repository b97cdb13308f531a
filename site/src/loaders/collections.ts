/**
 * What the loader asks Strapi for, per collection, and how a REST entry becomes a stored
 * entry. Relations are kept as documentIds and joined at page time, so an entry changes
 * only when its own content changes and incremental syncs stay exact.
 */
import { z } from 'astro/zod';
import { CONTENT_TYPES, type ContentTypeDeclaration } from '../lib/content-model.js';

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
    }),
    normalize: (g, abs) => ({
      documentId: g.documentId,
      title: g.title,
      slug: g.slug,
      description: g.description ?? null,
      takenAt: g.takenAt ?? null,
      photos: g.photos.map((p) => photoOut(p, abs)),
      article: g.article?.documentId ?? null,
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
    populate: {},
    raw: z.object({
      ...stamps,
      portalName: z.string().min(1),
      slogan: z.string().nullish(),
      sloganYear: z.number().int().nullish(),
      address: z.string().nullish(),
      phone: z.string().nullish(),
      email: z.string().nullish(),
      footerText: z.string().nullish(),
    }),
    normalize: (s) => ({
      portalName: s.portalName,
      slogan: s.slogan ?? null,
      sloganYear: s.sloganYear ?? null,
      address: s.address ?? null,
      phone: s.phone ?? null,
      email: s.email ?? null,
      footerText: s.footerText ?? null,
    }),
  }),
} satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
