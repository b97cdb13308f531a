import type { Core, UID } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
const TASK = 'api::resolution-task.resolution-task';
const GALLERY = 'api::photo-gallery.photo-gallery';
const CATEGORY = 'api::category.category';
const ATTENDEE = 'api::attendee.attendee';
const LEGAL_DOCUMENT = 'api::legal-document.legal-document';
const DOCUMENT_TYPE = 'api::document-type.document-type';

type Targets = Map<UID.Schema, Set<string>>;
type Finder = (strapi: Core.Strapi, documentId: string) => Promise<Array<[UID.Schema, string[]]>>;

const ids = (rows: Array<{ documentId: string }>) => [...new Set(rows.map((r) => r.documentId))];

const linkedTo = (uid: UID.Schema, where: (documentId: string) => Record<string, unknown>) =>
  async (strapi: Core.Strapi, documentId: string) => ids(await strapi.db.query(uid).findMany({ where: where(documentId), select: ['documentId'] }));

const tasksOfArticle = linkedTo(TASK, (id) => ({ sourceArticle: { documentId: id } }));
const galleriesOfArticle = linkedTo(GALLERY, (id) => ({ article: { documentId: id } }));
const articlesOfTask = linkedTo(ARTICLE, (id) => ({ resolutionTasks: { documentId: id } }));
const articlesOfGallery = linkedTo(ARTICLE, (id) => ({ galleries: { documentId: id } }));
const articlesOfCategory = linkedTo(ARTICLE, (id) => ({ category: { documentId: id } }));
const articlesOfPerson = linkedTo(ARTICLE, (id) => ({ attendees: { person: { documentId: id } } }));
const documentsOfArticle = linkedTo(LEGAL_DOCUMENT, (id) => ({ articles: { documentId: id } }));
const articlesOfDocument = linkedTo(ARTICLE, (id) => ({ legalDocuments: { documentId: id } }));
const tasksOfDocument = linkedTo(TASK, (id) => ({ sourceDocument: { documentId: id } }));
const documentsOfTask = linkedTo(LEGAL_DOCUMENT, (id) => ({ tasks: { documentId: id } }));
const documentsOfType = linkedTo(LEGAL_DOCUMENT, (id) => ({ documentType: { documentId: id } }));

const STATUS_ACTIONS = new Set(['publish', 'unpublish', 'discardDraft', 'delete']);
const WRITE_ACTIONS = new Set(['create', 'update']);

/**
 * Which other documents show this one through a relation, when `action` runs with `data`.
 * Each side of a relation reports the other in its REST answer, but Strapi bumps updatedAt
 * only on the side that was edited, and publishing moves neither: the site's incremental
 * sync relies on updatedAt, so both sides must move.
 */
function finderFor(uid: string, action: string, data: Record<string, unknown> = {}): Finder | undefined {
  const changesLinks = (...fields: string[]) => STATUS_ACTIONS.has(action) || (WRITE_ACTIONS.has(action) && fields.some((f) => f in data));
  if (uid === ARTICLE && changesLinks('resolutionTasks', 'galleries', 'legalDocuments')) {
    return async (strapi, id) => [
      [TASK, await tasksOfArticle(strapi, id)],
      [GALLERY, await galleriesOfArticle(strapi, id)],
      [LEGAL_DOCUMENT, await documentsOfArticle(strapi, id)],
    ];
  }
  if (uid === TASK && changesLinks('sourceArticle', 'sourceDocument')) {
    return async (strapi, id) => [
      [ARTICLE, await articlesOfTask(strapi, id)],
      [LEGAL_DOCUMENT, await documentsOfTask(strapi, id)],
    ];
  }
  if (uid === LEGAL_DOCUMENT && changesLinks('articles', 'tasks')) {
    return async (strapi, id) => [
      [ARTICLE, await articlesOfDocument(strapi, id)],
      [TASK, await tasksOfDocument(strapi, id)],
    ];
  }
  if (uid === DOCUMENT_TYPE && action === 'delete') return async (strapi, id) => [[LEGAL_DOCUMENT, await documentsOfType(strapi, id)]];
  if (uid === GALLERY && changesLinks('article')) return async (strapi, id) => [[ARTICLE, await articlesOfGallery(strapi, id)]];
  if (uid === CATEGORY && action === 'delete') return async (strapi, id) => [[ARTICLE, await articlesOfCategory(strapi, id)]];
  if (uid === ATTENDEE && action === 'delete') return async (strapi, id) => [[ARTICLE, await articlesOfPerson(strapi, id)]];
  return undefined;
}

async function collect(strapi: Core.Strapi, find: Finder, documentId: string | undefined, into: Targets): Promise<void> {
  if (!documentId) return;
  for (const [uid, found] of await find(strapi, documentId)) {
    const set = into.get(uid) ?? new Set<string>();
    found.forEach((id) => set.add(id));
    into.set(uid, set);
  }
}

/** Runs `next`, then moves updatedAt on every document linked before or after it. */
export async function touchRelated<T>(
  strapi: Core.Strapi,
  uid: string,
  action: string,
  params: { documentId?: string; data?: Record<string, unknown> },
  next: () => T,
): Promise<Awaited<T>> {
  const find = finderFor(uid, action, params.data);
  if (!find) return await next();
  const targets: Targets = new Map();
  await collect(strapi, find, params.documentId, targets);
  const result = await next();
  const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
  if (action !== 'delete') await collect(strapi, find, documentId, targets);
  const now = new Date();
  for (const [target, set] of targets) {
    if (set.size > 0) await strapi.db.query(target).updateMany({ where: { documentId: { $in: [...set] } }, data: { updatedAt: now } });
  }
  return result;
}
