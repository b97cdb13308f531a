/**
 * What pages show: entries with their relations looked up. The build joins from the
 * content store (lib/queries.ts), the preview from one live REST answer; both through here,
 * so a preview can never show an article differently from its page.
 */
import type { Article, Attendee, Category, Gallery, Task } from './schemas';

/** A task with its source article looked up. */
export type TaskView = Omit<Task, 'sourceArticle'> & { sourceArticle: Article | null };

/** A gallery with its article looked up. */
export type GalleryView = Omit<Gallery, 'article'> & { article: Article | null };

/** An article with every relation looked up, as its page shows it. */
export type ArticleView = Omit<Article, 'category' | 'attendees' | 'tasks' | 'galleries'> & {
  category: Category | null;
  attendees: { person: Attendee; position: string }[];
  tasks: TaskView[];
  galleries: GalleryView[];
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
}

/** The entries that exist, in the order given. */
const lookUp = <T>(index: Map<string, T>, ids: string[]) => ids.flatMap((id) => index.get(id) ?? []);

/** An article with its relations looked up; a relation to an entry that is not there drops out. */
export function joinArticle(a: Article, { categoryById, personById, taskById, galleryById }: ArticleLookups): ArticleView {
  return {
    ...a,
    category: (a.category && categoryById.get(a.category)) ?? null,
    attendees: a.attendees.flatMap(({ person, position }) => {
      const found = personById.get(person);
      return found ? [{ person: found, position }] : [];
    }),
    tasks: lookUp(taskById, a.tasks),
    galleries: lookUp(galleryById, a.galleries),
  };
}
