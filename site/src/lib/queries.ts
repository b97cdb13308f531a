/**
 * Collections read, sorted and indexed once per build. Pages call these helpers instead of
 * getCollection so that 10,000 article pages share one sorted list and one set of indexes
 * rather than each re-reading and re-sorting the whole store.
 */
import { getCollection, getEntry } from 'astro:content';
import { yearInVietnam } from './format';
import type { Article, Attendee, Gallery, Settings, Task } from './schemas';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  // The dev server keeps modules alive while the content store reloads; only builds may cache.
  return () => (import.meta.env.DEV ? load() : (cached ??= load()));
}

// A stable tie-break keeps pagination identical between builds when two posts share a minute.
const byPostedDesc = (a: Article, b: Article) =>
  b.postedAt.getTime() - a.postedAt.getTime() || a.slug.localeCompare(b.slug);

const vietnamese = new Intl.Collator('vi');

// Vietnamese lists order people by given name (the last word), then by the full name.
const byGivenName = (a: Attendee, b: Attendee) =>
  vietnamese.compare(a.fullName.split(' ').at(-1) ?? '', b.fullName.split(' ').at(-1) ?? '') ||
  vietnamese.compare(a.fullName, b.fullName);

function append<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

const galleryDate = (g: Gallery) => (g.takenAt ?? g.updatedAt).getTime();

export const articles = once(async () =>
  (await getCollection('articles')).map((e) => e.data).sort(byPostedDesc),
);

export const featuredArticles = once(async () => (await articles()).filter((a) => a.featured));

export const articlesByCategory = once(async () => {
  const index = new Map<string, Article[]>();
  for (const article of await articles()) {
    if (article.category) append(index, article.category.documentId, article);
  }
  return index;
});

export interface Attendance {
  article: Article;
  position: string;
}

/** Person documentId → the events they attended, newest first, with the position held then. */
export const attendancesByPerson = once(async () => {
  const index = new Map<string, Attendance[]>();
  for (const article of await articles()) {
    for (const { person, position } of article.attendees) append(index, person.documentId, { article, position });
  }
  return index;
});

/** Same category first, then the newest elsewhere; walks at most a few entries per article. */
export async function relatedArticles(article: Article, limit = 5): Promise<Article[]> {
  const [all, byCategory] = await Promise.all([articles(), articlesByCategory()]);
  const sameCategory = article.category ? (byCategory.get(article.category.documentId) ?? []) : [];
  const seen = new Set([article.documentId]);
  const picked: Article[] = [];
  for (const list of [sameCategory, all]) {
    for (const candidate of list) {
      if (picked.length === limit) return picked;
      if (seen.has(candidate.documentId)) continue;
      seen.add(candidate.documentId);
      picked.push(candidate);
    }
  }
  return picked;
}

export const categories = once(async () =>
  (await getCollection('categories'))
    .map((e) => e.data)
    .sort((a, b) => a.order - b.order || vietnamese.compare(a.name, b.name)),
);

export const attendees = once(async () => (await getCollection('attendees')).map((e) => e.data).sort(byGivenName));

export const galleries = once(async () =>
  (await getCollection('galleries')).map((e) => e.data).sort((a, b) => galleryDate(b) - galleryDate(a)),
);

export const galleriesById = once(async () => new Map((await galleries()).map((g) => [g.documentId, g])));

/** Year → tasks in their official order; the map iterates newest year first. */
export const tasksByYear = once(async () => {
  const tasks = (await getCollection('tasks'))
    .map((e) => e.data)
    .sort((a, b) => b.year - a.year || a.order - b.order);
  const index = new Map<number, Task[]>();
  for (const task of tasks) append(index, task.year, task);
  return index;
});

/** This year's tasks on the home page; early in January, before any are entered, the newest year's. */
export async function currentTaskYear(now = new Date()): Promise<number | undefined> {
  const byYear = await tasksByYear();
  const thisYear = yearInVietnam(now);
  return byYear.has(thisYear) ? thisYear : byYear.keys().next().value;
}

// Without a settings record (a fresh CMS) the site still builds, under a neutral name.
const fallbackSettings: Settings = {
  portalName: 'Cổng thông tin điện tử',
  slogan: null,
  sloganYear: null,
  address: null,
  phone: null,
  email: null,
  footerText: null,
};

export const settings = once(async () => (await getEntry('settings', 'site'))?.data ?? fallbackSettings);
