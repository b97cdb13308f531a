/**
 * The shape of each collection after the Strapi loader has normalised it.
 * Pages and components read only these types; the REST shape stays inside the loader.
 */
import { z } from 'astro/zod';
import { cleanText } from './plain-text.js';
import { QUESTION_TOPICS, UNIT_TYPE_KEYS, type QuestionTopic } from './content-model.js';

// Every text is cleaned here, once, for the pages, the feed, the sitemap and JSON-LD alike.
const nfc = z.string().transform(cleanText);
const optionalText = z
  .string()
  .nullish()
  .transform((s) => (s ? cleanText(s) : null));
const markdown = z.string().default('').transform(cleanText);

export const imageSchema = z.object({
  url: z.string().url(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alternativeText: optionalText,
  mime: z.string(),
});

export const photoSchema = z.object({
  image: imageSchema,
  caption: optionalText,
  alt: nfc.pipe(z.string().min(1)),
  credit: optionalText,
});

/** Relations are stored as documentIds and joined in lib/queries.ts. */
const documentId = z.string().min(1);

export const articleSchema = z.object({
  documentId: z.string(),
  title: nfc,
  slug: z.string(),
  lead: optionalText,
  body: markdown,
  postedAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  /** The unit that posted it when that was not today's unit (the former district, before 1/7/2025). */
  originUnit: optionalText,
  viewCount: z.number().int().nonnegative(),
  featured: z.boolean(),
  cover: photoSchema.nullable(),
  category: documentId.nullable(),
  attendees: z.array(z.object({ person: documentId, position: nfc })),
  tasks: z.array(documentId),
  galleries: z.array(documentId),
  /** The legal documents the article cites (Văn bản). */
  legalDocuments: z.array(documentId),
  seo: z
    .object({ metaTitle: optionalText, metaDescription: optionalText, shareImage: imageSchema.nullable() })
    .nullable(),
});

export const attendeeSchema = z.object({
  documentId: z.string(),
  fullName: nfc,
  slug: z.string(),
  honorific: optionalText,
  currentPosition: optionalText,
  organisation: optionalText,
  portrait: imageSchema.nullable(),
  bio: optionalText,
  positionEnglish: optionalText,
  /** Set while the person is one of the unit's current leaders: their place on /lanh-dao/. */
  leaderOrder: z.number().int().positive().nullable(),
  /** Phân công nhiệm vụ. */
  duties: optionalText,
  officePhone: optionalText,
  officialEmail: optionalText,
  updatedAt: z.coerce.date(),
});

export const taskSchema = z.object({
  documentId: z.string(),
  title: nfc,
  description: markdown,
  year: z.number().int(),
  order: z.number().int().positive(),
  status: z.enum(['planned', 'in_progress', 'done']),
  responsibleUnit: optionalText,
  dueDate: z.string().nullable(),
  sourceArticle: documentId.nullable(),
  updatedAt: z.coerce.date(),
});

export const gallerySchema = z.object({
  documentId: z.string(),
  title: nfc,
  slug: z.string(),
  description: optionalText,
  takenAt: z.coerce.date().nullable(),
  photos: z.array(photoSchema),
  article: documentId.nullable(),
  /** "Lượt xem" as the CMS last counted it; the page prints the site data's current one. */
  viewCount: z.number().int().nonnegative().default(0),
  updatedAt: z.coerce.date(),
});

export const categorySchema = z.object({
  documentId: z.string(),
  name: nfc,
  slug: z.string(),
  description: optionalText,
  order: z.number().int(),
  updatedAt: z.coerce.date(),
});

export const settingsSchema = z.object({
  portalName: nfc,
  slogan: optionalText,
  sloganYear: z.number().int().nullable(),
  address: optionalText,
  phone: optionalText,
  email: optionalText,
  footerText: optionalText,
  unitType: z.enum(UNIT_TYPE_KEYS).nullable(),
  /** The unit's proper name ("Hai Bà Trưng"); `unitFullName` adds its kind. */
  unitName: optionalText,
  /** The agency's full name in the header ("Ủy ban nhân dân phường Hai Bà Trưng"). */
  agencyName: optionalText,
  parentUnit: optionalText,
  emblem: imageSchema.nullable(),
  responsiblePerson: optionalText,
  licence: optionalText,
  officeHours: optionalText,
  domain: optionalText,
  /** Decree 09/2017 Art. 3. */
  spokesperson: z.object({ name: nfc, title: optionalText, phone: optionalText, email: optionalText }).nullable(),
  /** Law 104/2016 Art. 17, 19. */
  infoRequestContact: optionalText,
  map: photoSchema.nullable(),
  englishProfile: optionalText,
});

const seoSchema = z
  .object({ metaTitle: optionalText, metaDescription: optionalText, shareImage: imageSchema.nullable() })
  .nullable();

/** A page of the unit's profile (Giới thiệu). */
export const pageSchema = z.object({
  documentId: z.string(),
  title: nfc,
  slug: z.string(),
  summary: optionalText,
  body: markdown,
  image: photoSchema.nullable(),
  parent: documentId.nullable(),
  order: z.number().int(),
  seo: seoSchema,
  updatedAt: z.coerce.date(),
});

export const noticeSchema = z.object({
  documentId: z.string(),
  title: nfc,
  slug: z.string(),
  kind: z.enum(['general', 'downtime']),
  postedAt: z.coerce.date(),
  summary: optionalText,
  body: markdown,
  /** The site-wide alert banner, shown from `startsAt` (or the publish) until `endsAt` (or never). */
  alert: z
    .object({
      severity: z.enum(['info', 'warning', 'urgent']),
      text: optionalText,
      startsAt: z.coerce.date().nullable(),
      endsAt: z.coerce.date().nullable(),
    })
    .nullable(),
  updatedAt: z.coerce.date(),
});

export const procedureSchema = z.object({
  documentId: z.string(),
  code: nfc,
  name: nfc,
  slug: z.string(),
  subjectArea: nfc,
  level: z.enum(['full_online', 'partial_online', 'information']),
  nationalPortalUrl: z.string().url(),
  implementingBody: optionalText,
  processingTime: optionalText,
  fee: optionalText,
  summary: optionalText,
  body: markdown,
  updatedAt: z.coerce.date(),
});

/** A calendar date as Strapi's date fields give it (`2021-03-15`): no time, no zone to shift it. */
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A citizen's question and the unit's answer (Hỏi đáp); the asker's email never reaches the site. */
export const questionSchema = z.object({
  documentId: z.string(),
  title: nfc,
  slug: z.string(),
  topic: z.enum(Object.keys(QUESTION_TOPICS) as [QuestionTopic, ...QuestionTopic[]]),
  question: nfc,
  askerName: optionalText,
  submittedAt: z.coerce.date(),
  answer: markdown,
  answeringUnit: optionalText,
  answeredAt: calendarDate,
  updatedAt: z.coerce.date(),
});

export const attachmentSchema = z.object({
  url: z.string().url(),
  name: nfc,
  /** `.pdf`, as Strapi records it. */
  ext: z.string(),
  mime: z.string(),
  /** Kilobytes, as Strapi reports them. */
  size: z.number().nonnegative(),
});

export const legalDocumentSchema = z.object({
  documentId: z.string(),
  number: nfc,
  slug: z.string(),
  documentType: documentId.nullable(),
  issuingBody: optionalText,
  signer: optionalText,
  signerPosition: optionalText,
  issuedAt: calendarDate,
  effectiveAt: calendarDate.nullable(),
  validity: z.enum(['in_force', 'expired', 'replaced']),
  replacedBy: documentId.nullable(),
  summary: nfc,
  subjectArea: optionalText,
  attachments: z.array(attachmentSchema),
  articles: z.array(documentId),
  tasks: z.array(documentId),
  /** "Lượt xem" as the CMS last counted it; the page prints the site data's current one. */
  viewCount: z.number().int().nonnegative().default(0),
  updatedAt: z.coerce.date(),
});

export const documentTypeSchema = z.object({
  documentId: z.string(),
  name: nfc,
  slug: z.string(),
  order: z.number().int(),
  updatedAt: z.coerce.date(),
});

/** A moved or withdrawn address (Chuyển hướng); checked against the release's rules in lib/redirect-rules.ts. */
export const redirectSchema = z.object({
  documentId: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  code: z.number().int(),
  title: optionalText,
  reason: optionalText,
  firstPublishedAt: z.coerce.date().nullable(),
  withdrawnAt: z.coerce.date().nullable(),
  updatedAt: z.coerce.date(),
});

/**
 * The one entry of the `engagement` collection (site/src/loaders/engagement-loader.ts): each
 * page's current view count by page key, the week's most-read articles, the ratings' monthly totals.
 */
const count = z.number().int().nonnegative();
export const engagementSchema = z.object({
  available: z.boolean(),
  viewCounts: z.record(z.string(), count),
  mostRead: z.array(z.object({ documentId, views: count })),
  ratings: z.array(z.object({ contentType: z.string(), month: z.string(), useful: count, notUseful: count })),
});

export type Article = z.infer<typeof articleSchema>;
export type Attendee = z.infer<typeof attendeeSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Gallery = z.infer<typeof gallerySchema>;
export type Category = z.infer<typeof categorySchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Photo = z.infer<typeof photoSchema>;
export type Image = z.infer<typeof imageSchema>;
export type LegalDocument = z.infer<typeof legalDocumentSchema>;
export type DocumentType = z.infer<typeof documentTypeSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type Page = z.infer<typeof pageSchema>;
export type Notice = z.infer<typeof noticeSchema>;
export type Procedure = z.infer<typeof procedureSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Redirect = z.infer<typeof redirectSchema>;
export type Engagement = z.infer<typeof engagementSchema>;
