/**
 * The shape of each collection after the Strapi loader has normalised it.
 * Pages and components read only these types; the REST shape stays inside the loader.
 */
import { z } from 'astro/zod';
import { cleanText } from './plain-text.js';

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
});

/** A calendar date as Strapi's date fields give it (`2021-03-15`): no time, no zone to shift it. */
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
  updatedAt: z.coerce.date(),
});

export const documentTypeSchema = z.object({
  documentId: z.string(),
  name: nfc,
  slug: z.string(),
  order: z.number().int(),
  updatedAt: z.coerce.date(),
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
