/**
 * What pages show: entries with their relations looked up. The build joins from the
 * content store (lib/queries.ts), the preview from one live REST answer; both through here,
 * so a preview can never show an article differently from its page.
 */
import type { Article, Attendee, Category, DocumentType, Gallery, LegalDocument, Task } from './schemas';

/** A task with its source article looked up. */
export type TaskView = Omit<Task, 'sourceArticle'> & { sourceArticle: Article | null };

/** A gallery with its article looked up. */
export type GalleryView = Omit<Gallery, 'article'> & { article: Article | null };

/** A legal document with its type looked up: how listings and citations show it. */
export type LegalDocumentCard = Omit<LegalDocument, 'documentType'> & { documentType: DocumentType | null };

/** A legal document with every relation looked up, as its page shows it. */
export type LegalDocumentView = Omit<LegalDocumentCard, 'replacedBy' | 'articles' | 'tasks'> & {
  replacedBy: LegalDocumentCard | null;
  /** The documents this one replaced (their replacedBy is this one). */
  replaces: LegalDocumentCard[];
  articles: Article[];
  tasks: TaskView[];
};

/** An article with every relation looked up, as its page shows it. */
export type ArticleView = Omit<Article, 'category' | 'attendees' | 'tasks' | 'galleries' | 'legalDocuments'> & {
  category: Category | null;
  attendees: { person: Attendee; position: string }[];
  tasks: TaskView[];
  galleries: GalleryView[];
  legalDocuments: LegalDocumentCard[];
};

export interface Attendance {
  article: ArticleView;
  position: string;
}

export interface ArticleLookups {
  categoryById: Map<string, Category>;
  personById: Map<string, Attendee>;
  taskById: Map<string, TaskView>;
  galleryById: Map<string, GalleryView>;
  /** Published legal documents; absent where a view shows none (cards in a preview's lists). */
  documentById?: Map<string, LegalDocumentCard>;
}

export interface LegalDocumentLookups {
  typeById: Map<string, DocumentType>;
  documentById: Map<string, LegalDocumentCard>;
  articleById: Map<string, Article>;
  taskById: Map<string, TaskView>;
  /** The documents replaced by the one joined, in the order shown. */
  replaces: LegalDocumentCard[];
}

/** The entries that exist, in the order given. */
const lookUp = <T>(index: Map<string, T>, ids: string[]) => ids.flatMap((id) => index.get(id) ?? []);

/** An article with its relations looked up; a relation to an entry that is not there drops out. */
export function joinArticle(a: Article, { categoryById, personById, taskById, galleryById, documentById = new Map() }: ArticleLookups): ArticleView {
  return {
    ...a,
    category: (a.category && categoryById.get(a.category)) ?? null,
    attendees: a.attendees.flatMap(({ person, position }) => {
      const found = personById.get(person);
      return found ? [{ person: found, position }] : [];
    }),
    tasks: lookUp(taskById, a.tasks),
    galleries: lookUp(galleryById, a.galleries),
    legalDocuments: lookUp(documentById, a.legalDocuments),
  };
}

/** A document with its type looked up. */
export const documentCard = (d: LegalDocument, typeById: Map<string, DocumentType>): LegalDocumentCard => ({
  ...d,
  documentType: (d.documentType ? typeById.get(d.documentType) : undefined) ?? null,
});

/** A document with its relations looked up; a relation to an entry that is not there drops out. */
export function joinLegalDocument(d: LegalDocument, { typeById, documentById, articleById, taskById, replaces }: LegalDocumentLookups): LegalDocumentView {
  return {
    ...documentCard(d, typeById),
    replacedBy: (d.replacedBy ? documentById.get(d.replacedBy) : undefined) ?? null,
    replaces,
    articles: lookUp(articleById, d.articles),
    tasks: lookUp(taskById, d.tasks),
  };
}
