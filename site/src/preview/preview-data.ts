/**
 * What the preview renders, read live from Strapi with the preview token: one entry in
 * the status the editor chose (its draft by default), its relations in the same request,
 * normalised and validated by the very code the build's loader uses, then joined by
 * lib/views.ts. Nothing here is cached: a preview shows what was saved a moment ago.
 */
import { z } from 'astro/zod';
import { COLLECTIONS, type CollectionName } from '../loaders/collections';
import { toQuery } from '../loaders/query-string';
import { createStrapiClient, StrapiError, type StrapiClient } from '../loaders/strapi-client';
import { validateEntry } from '../loaders/strapi-loader';
import { fallbackSettings } from '../lib/queries';
import {
  articleSchema,
  attendeeSchema,
  categorySchema,
  documentTypeSchema,
  gallerySchema,
  legalDocumentSchema,
  noticeSchema,
  procedureSchema,
  questionSchema,
  pageSchema,
  settingsSchema,
  taskSchema,
  type Article,
  type Notice,
  type Procedure,
  type Question,
  type Page,
  type Settings,
} from '../lib/schemas';
import { profileTree, type ProfileNode } from '../lib/profile-tree';
import { documentCard, joinArticle, joinLegalDocument, type ArticleView, type GalleryView, type LegalDocumentCard, type LegalDocumentView, type TaskView } from '../lib/views';

/** Handed over by the publisher in Astro.locals, after it has checked the URL's signature. */
export interface PreviewSource {
  strapiUrl: string;
  token: string;
  status: 'draft' | 'published';
}

interface Reader {
  client: StrapiClient;
  status: PreviewSource['status'];
  read<S extends z.ZodTypeAny>(name: CollectionName, schema: S, raw: unknown): z.output<S>;
}

function reader(source: PreviewSource): Reader {
  const client = createStrapiClient({ baseUrl: source.strapiUrl, token: source.token, timeoutMs: 5000, retries: 0, backoffMs: 0 });
  const absolute = (url: string) => new URL(url, client.baseUrl).href;
  return {
    client,
    status: source.status,
    read: (name, schema, raw) => schema.parse(COLLECTIONS[name].normalize(validateEntry(name, COLLECTIONS[name], raw) as never, absolute)),
  };
}

/** One entry by documentId, or undefined when Strapi has none in that status. */
async function findOne(r: Reader, endpoint: string, documentId: string, populate: Record<string, unknown>): Promise<unknown> {
  try {
    const body = (await r.client.get(`${endpoint}/${encodeURIComponent(documentId)}`, toQuery({ status: r.status, populate }))) as { data?: unknown };
    return body.data ?? undefined;
  } catch (error) {
    if (error instanceof StrapiError && error.status === 404) return undefined;
    throw error;
  }
}

async function list(r: Reader, endpoint: string, query: Record<string, unknown>): Promise<unknown[]> {
  const body = (await r.client.get(endpoint, toQuery({ status: 'published', ...query }))) as { data?: unknown[] };
  return body.data ?? [];
}

const byId = <T extends { documentId: string }>(items: T[]) => new Map(items.map((x) => [x.documentId, x]));

const articleRelations = z.object({
  category: z.unknown().nullish(),
  attendees: z.array(z.object({ person: z.unknown().nullish() })).default([]),
  resolutionTasks: z.array(z.unknown()).default([]),
  galleries: z.array(z.unknown()).default([]),
  legalDocuments: z.array(z.unknown()).default([]),
});

const DOCUMENT_CARD_POPULATE = { ...COLLECTIONS.legalDocuments.populate, documentType: true };

/** A document of a REST answer, its type populated in it. */
function documentCardOf(r: Reader, row: unknown): LegalDocumentCard {
  const type = (row as { documentType?: unknown }).documentType;
  return documentCard(r.read('legalDocuments', legalDocumentSchema, row), byId(type ? [r.read('documentTypes', documentTypeSchema, type)] : []));
}

const documentRelations = z.object({
  documentType: z.unknown().nullish(),
  replacedBy: z.unknown().nullish(),
  articles: z.array(z.unknown()).default([]),
  tasks: z.array(z.unknown()).default([]),
});

const ARTICLE_POPULATE = {
  ...COLLECTIONS.articles.populate,
  category: true,
  attendees: { populate: { person: { populate: COLLECTIONS.attendees.populate } } },
  resolutionTasks: { populate: COLLECTIONS.tasks.populate },
  galleries: { populate: COLLECTIONS.galleries.populate },
  legalDocuments: { populate: DOCUMENT_CARD_POPULATE },
};

const CARD_POPULATE = { ...COLLECTIONS.articles.populate, category: true };

function card(r: Reader, raw: unknown): ArticleView {
  const article = r.read('articles', articleSchema, raw);
  const category = (raw as { category?: unknown }).category;
  const categoryById = byId(category ? [r.read('categories', categorySchema, category)] : []);
  return joinArticle(article, { categoryById, personById: new Map(), taskById: new Map(), galleryById: new Map() });
}

/** As on the live site: the newest of the same category first, then the newest elsewhere. */
async function related(r: Reader, article: ArticleView, limit = 5): Promise<ArticleView[]> {
  const newest = { sort: ['postedAt:desc', 'slug:asc'], populate: CARD_POPULATE, pagination: { pageSize: limit + 1 } };
  const [sameCategory, anywhere] = await Promise.all([
    article.category ? list(r, COLLECTIONS.articles.endpoint, { ...newest, filters: { category: { documentId: { $eq: article.category.documentId } } } }) : [],
    list(r, COLLECTIONS.articles.endpoint, newest),
  ]);
  const seen = new Set([article.documentId]);
  return [...sameCategory, ...anywhere]
    .map((raw) => card(r, raw))
    .filter((a) => !seen.has(a.documentId) && Boolean(seen.add(a.documentId)))
    .slice(0, limit);
}

export async function previewSettings(source: PreviewSource): Promise<Settings> {
  const r = reader(source);
  try {
    const body = (await r.client.get(COLLECTIONS.settings.endpoint, toQuery({ populate: COLLECTIONS.settings.populate }))) as { data?: unknown };
    return body.data ? r.read('settings', settingsSchema, body.data) : fallbackSettings;
  } catch (error) {
    if (error instanceof StrapiError && error.status === 404) return fallbackSettings;
    throw error;
  }
}

export async function previewArticle(source: PreviewSource, documentId: string): Promise<{ article: ArticleView; related: ArticleView[] } | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.articles.endpoint, documentId, ARTICLE_POPULATE);
  if (!raw) return undefined;
  const draft: Article = r.read('articles', articleSchema, raw);
  const relations = articleRelations.parse(raw);
  const sourceOf = (id: string | null) => (id === draft.documentId ? draft : null);
  const tasks = relations.resolutionTasks.map((t): TaskView => {
    const task = r.read('tasks', taskSchema, t);
    return { ...task, sourceArticle: sourceOf(task.sourceArticle) };
  });
  const galleries = relations.galleries.map((g): GalleryView => {
    const gallery = r.read('galleries', gallerySchema, g);
    return { ...gallery, article: sourceOf(gallery.article) };
  });
  const article = joinArticle(draft, {
    categoryById: byId(relations.category ? [r.read('categories', categorySchema, relations.category)] : []),
    personById: byId(relations.attendees.flatMap((a) => (a.person ? [r.read('attendees', attendeeSchema, a.person)] : []))),
    taskById: byId(tasks),
    galleryById: byId(galleries),
    documentById: byId(relations.legalDocuments.map((row) => documentCardOf(r, row))),
  });
  return { article, related: await related(r, article) };
}

export async function previewGallery(source: PreviewSource, documentId: string): Promise<GalleryView | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.galleries.endpoint, documentId, { ...COLLECTIONS.galleries.populate, article: true });
  if (!raw) return undefined;
  const gallery = r.read('galleries', gallerySchema, raw);
  const article = (raw as { article?: unknown }).article;
  return { ...gallery, article: article ? r.read('articles', articleSchema, article) : null };
}

/** The key-task page of the task's year, with the task as saved. */
export async function previewTaskYear(source: PreviewSource, documentId: string): Promise<{ year: number; tasks: TaskView[] } | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.tasks.endpoint, documentId, COLLECTIONS.tasks.populate);
  if (!raw) return undefined;
  const { year } = r.read('tasks', taskSchema, raw);
  const populate = { sourceArticle: true };
  const rows = await list(r, COLLECTIONS.tasks.endpoint, { filters: { year: { $eq: year } }, sort: ['order:asc'], populate, pagination: { pageSize: 200 } });
  const tasks = rows.map((row): TaskView => {
    const task = r.read('tasks', taskSchema, row);
    const source = (row as { sourceArticle?: unknown }).sourceArticle;
    return { ...task, sourceArticle: source ? r.read('articles', articleSchema, source) : null };
  });
  return { year, tasks };
}

/** A document as saved, with its type, replacement both ways, related news and key tasks, as its page shows them. */
export async function previewLegalDocument(source: PreviewSource, documentId: string): Promise<LegalDocumentView | undefined> {
  const r = reader(source);
  const populate = {
    ...DOCUMENT_CARD_POPULATE,
    replacedBy: { populate: DOCUMENT_CARD_POPULATE },
    articles: true,
    tasks: { populate: { sourceArticle: true } },
  };
  const raw = await findOne(r, COLLECTIONS.legalDocuments.endpoint, documentId, populate);
  if (!raw) return undefined;
  const relations = documentRelations.parse(raw);
  const card = (row: unknown) => documentCardOf(r, row);
  const replacing = await list(r, COLLECTIONS.legalDocuments.endpoint, {
    filters: { replacedBy: { documentId: { $eq: documentId } } },
    sort: ['issuedAt:desc', 'slug:asc'],
    populate: DOCUMENT_CARD_POPULATE,
    pagination: { pageSize: 200 },
  });
  const tasks = relations.tasks.map((row): TaskView => {
    const source = (row as { sourceArticle?: unknown }).sourceArticle;
    return { ...r.read('tasks', taskSchema, row), sourceArticle: source ? r.read('articles', articleSchema, source) : null };
  });
  const articles = relations.articles.map((row) => r.read('articles', articleSchema, row));
  return joinLegalDocument(r.read('legalDocuments', legalDocumentSchema, raw), {
    typeById: byId(relations.documentType ? [r.read('documentTypes', documentTypeSchema, relations.documentType)] : []),
    documentById: byId(relations.replacedBy ? [card(relations.replacedBy)] : []),
    articleById: byId(articles),
    taskById: byId(tasks),
    replaces: replacing.map(card),
  });
}

/** A notice as saved, with its alert banner. */
export async function previewNotice(source: PreviewSource, documentId: string): Promise<Notice | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.notices.endpoint, documentId, COLLECTIONS.notices.populate);
  return raw ? r.read('notices', noticeSchema, raw) : undefined;
}

/** A profile page as saved, among the published pages: its subpages and the pages above it, as its page shows them. */
export async function previewPage(source: PreviewSource, documentId: string): Promise<{ page: Page; children: ProfileNode[]; ancestors: Page[] } | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.pages.endpoint, documentId, COLLECTIONS.pages.populate);
  if (!raw) return undefined;
  const page = r.read('pages', pageSchema, raw);
  const rows = await list(r, COLLECTIONS.pages.endpoint, { populate: COLLECTIONS.pages.populate, pagination: { pageSize: 200 } });
  const published = rows.map((row) => r.read('pages', pageSchema, row)).filter((p) => p.documentId !== documentId);
  const tree = profileTree([...published, page]);
  return { page, children: tree.node(documentId)?.children ?? [], ancestors: tree.ancestors(documentId) };
}

/** A procedure as saved: its page shows nothing but itself. */
export async function previewProcedure(source: PreviewSource, documentId: string): Promise<Procedure | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.procedures.endpoint, documentId, COLLECTIONS.procedures.populate);
  return raw ? r.read('procedures', procedureSchema, raw) : undefined;
}

/** A question as saved, answered or not yet: its page shows nothing but itself. */
export async function previewQuestion(source: PreviewSource, documentId: string): Promise<Question | undefined> {
  const r = reader(source);
  const raw = await findOne(r, COLLECTIONS.questions.endpoint, documentId, COLLECTIONS.questions.populate);
  return raw ? r.read('questions', questionSchema, raw) : undefined;
}
