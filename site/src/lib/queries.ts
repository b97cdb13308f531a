/**
 * Collections read, joined, sorted and indexed once per build. Pages call these helpers
 * instead of getCollection so that 10,000 article pages share one sorted list and one set
 * of indexes rather than each re-reading and re-sorting the whole store.
 *
 * Relations are followed by documentId here, and nowhere else: a page always shows the
 * related entry's current name and slug, and a relation to an entry that is not published
 * (a draft gallery, a removed person) simply drops out instead of linking to a 404.
 */
import { getCollection, getEntry, type CollectionEntry, type CollectionKey } from 'astro:content';
import { yearInVietnam } from './format';
import { notices, runningAlerts } from './notices';
import { selectPaths, type PathWithInput } from './page-inputs';
import { documentFacets } from './document-facets';
import { makeRedirectRules } from './redirect-rules';
import { pageKey, type EngagementType } from './engagement';
import type { Article, Attendee, Engagement, Gallery, LegalDocument, Settings } from './schemas';
import {
  documentCard,
  joinArticle,
  joinLegalDocument,
  type ArticleLookups,
  type ArticleView,
  type Attendance,
  type GalleryView,
  type LegalDocumentCard,
  type LegalDocumentView,
  type TaskView,
} from './views';

/**
 * The site renderer (scripts/publisher/renderer/) keeps these modules alive from one build to
 * the next and counts its content syncs here; a build by hand never sets it.
 */
const CONTENT_GENERATION = Symbol.for('portal.content-generation');
const contentGeneration = () => (globalThis as Record<symbol, unknown>)[CONTENT_GENERATION];

/** The content store in a build (site/integrations/content-store-from-disk.ts): collection → id → entry. */
const CONTENT_STORE_MAP = Symbol.for('portal.content-store-map');
type StoreMap = Map<string, Map<string, { data: unknown }>>;

/**
 * A collection's entries, as getCollection gives them. In a build they are read from the
 * content store itself: getCollection copies every entry whole to resolve image imports,
 * which these collections never hold (their images are URLs the CMS serves), and that copy
 * of 10,000 articles cost half a second of every release the site renderer made.
 */
async function entries<C extends CollectionKey>(collection: C): Promise<CollectionEntry<C>['data'][]> {
  const stored = ((globalThis as Record<symbol, unknown>)[CONTENT_STORE_MAP] as StoreMap | undefined)?.get(collection);
  if (stored && !import.meta.env.DEV) return [...stored.values()].map((entry) => entry.data as CollectionEntry<C>['data']);
  return (await getCollection(collection)).map((entry) => entry.data);
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: { generation: unknown; value: Promise<T> } | undefined;
  return () => {
    // The dev server keeps modules alive while the content store reloads; only builds may cache.
    if (import.meta.env.DEV) return load();
    const generation = contentGeneration();
    if (!cached || cached.generation !== generation) cached = { generation, value: load() };
    return cached.value;
  };
}

function append<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * The same object for the same parts, from one build of the site renderer to the next:
 * page-inputs.ts remembers what it worked out about an object by the object, so a view made
 * afresh of unchanged entries would be described and hashed again at every release.
 */
function kept<K extends object, V>(cache: WeakMap<K, { parts: unknown[]; value: V }>, key: K, parts: unknown[], make: () => V): V {
  const last = cache.get(key);
  if (last && last.parts.length === parts.length && last.parts.every((part, i) => part === parts[i])) return last.value;
  const value = make();
  cache.set(key, { parts, value });
  return value;
}

const byDocumentId = <T extends { documentId: string }>(list: T[]) => new Map(list.map((x) => [x.documentId, x]));

// A stable tie-break keeps pagination identical between builds when two posts share a minute.
const byPostedDesc = (a: ArticleView, b: ArticleView) =>
  b.postedAt.getTime() - a.postedAt.getTime() || a.slug.localeCompare(b.slug);

const vietnamese = new Intl.Collator('vi');

// Vietnamese lists order people by given name (the last word), then by the full name.
const givenName = (fullName: string) => fullName.split(' ').at(-1) ?? '';
const byGivenName = (a: Attendee, b: Attendee) =>
  vietnamese.compare(givenName(a.fullName), givenName(b.fullName)) || vietnamese.compare(a.fullName, b.fullName);

const galleryDate = (g: Pick<Gallery, 'takenAt' | 'updatedAt'>) => (g.takenAt ?? g.updatedAt).getTime();

const articleIndex = once(async () => byDocumentId(await entries('articles')));

export const categories = once(async () =>
  (await entries('categories')).sort((a, b) => a.order - b.order || vietnamese.compare(a.name, b.name)),
);

export const attendees = once(async () => (await entries('attendees')).sort(byGivenName));

const galleryViews = new WeakMap<Gallery, { parts: unknown[]; value: GalleryView }>();

export const galleries = once(async () => {
  const articleById = await articleIndex();
  return (await entries('galleries'))
    .map((g) => {
      const article = (g.article ? articleById.get(g.article) : undefined) ?? null;
      return kept(galleryViews, g, [article], (): GalleryView => ({ ...g, article }));
    })
    .sort((a, b) => galleryDate(b) - galleryDate(a) || a.slug.localeCompare(b.slug));
});

const taskViews = new WeakMap<object, { parts: unknown[]; value: TaskView }>();

/** Year → tasks in their official order; the map iterates newest year first. */
export const tasksByYear = once(async () => {
  const articleById = await articleIndex();
  const tasks = (await entries('tasks'))
    .map((t) => {
      const sourceArticle = (t.sourceArticle ? articleById.get(t.sourceArticle) : undefined) ?? null;
      return kept(taskViews, t, [sourceArticle], (): TaskView => ({ ...t, sourceArticle }));
    })
    .sort((a, b) => b.year - a.year || a.order - b.order);
  const index = new Map<number, TaskView[]>();
  for (const task of tasks) append(index, task.year, task);
  return index;
});

/** Document types in their managed order (Nghị quyết, Quyết định, …). */
export const documentTypes = once(async () =>
  (await entries('documentTypes')).sort((a, b) => a.order - b.order || vietnamese.compare(a.name, b.name)),
);

// Newest issued first; the slug breaks ties so pagination is the same from build to build.
const byIssuedDesc = (a: LegalDocument, b: LegalDocument) => b.issuedAt.localeCompare(a.issuedAt) || a.slug.localeCompare(b.slug);

const documentCards = new WeakMap<LegalDocument, { parts: unknown[]; value: LegalDocumentCard }>();

/** Every published legal document with its type, newest issued first. */
export const legalDocuments = once(async () => {
  const typeById = byDocumentId(await documentTypes());
  return (await entries('legalDocuments'))
    .sort(byIssuedDesc)
    .map((d) => kept(documentCards, d, [(d.documentType ? typeById.get(d.documentType) : undefined) ?? null], () => documentCard(d, typeById)));
});

/** The documents by type, year, issuing body and field: the static facets of /van-ban/. */
export const legalDocumentFacets = once(async () => documentFacets(await legalDocuments(), await documentTypes()));

const documentViews = new WeakMap<LegalDocumentCard, { parts: unknown[]; value: LegalDocumentView }>();

/** Every published document as its page shows it: replacement both ways, related news, its key tasks. */
export const legalDocumentViews = once(async () => {
  const [cards, articleById, taskById, typeById] = await Promise.all([
    legalDocuments(),
    articleIndex(),
    tasksByYear().then((byYear) => byDocumentId([...byYear.values()].flat())),
    documentTypes().then(byDocumentId),
  ]);
  const documentById = byDocumentId(cards);
  const replacedBy = new Map<string, LegalDocumentCard[]>();
  for (const card of cards) if (card.replacedBy && documentById.has(card.replacedBy)) append(replacedBy, card.replacedBy, card);
  const raw = byDocumentId(await entries('legalDocuments'));
  return cards.map((card) => {
    const d = raw.get(card.documentId)!;
    const replaces = replacedBy.get(card.documentId) ?? [];
    const parts = [
      card,
      (d.replacedBy ? documentById.get(d.replacedBy) : undefined) ?? null,
      ...replaces,
      '|',
      ...d.articles.map((id) => articleById.get(id) ?? null),
      '|',
      ...d.tasks.map((id) => taskById.get(id) ?? null),
    ];
    return kept(documentViews, card, parts, () => joinLegalDocument(d, { typeById, documentById, articleById, taskById, replaces }));
  });
});

/** An entry as of its last change; its fields change only with updatedAt. */
const stamp = (entry: { documentId: string; updatedAt: Date } | null) => (entry ? `${entry.documentId}@${entry.updatedAt.getTime()}` : '~');

/** The stamps of an article and of every entry its view joins in. */
const viewStamp = (a: Article, { categoryById, personById, taskById, galleryById, documentById = new Map() }: ArticleLookups) =>
  [
    stamp(a),
    stamp((a.category && categoryById.get(a.category)) ?? null),
    ...a.attendees.map(({ person }) => stamp(personById.get(person) ?? null)),
    ...a.tasks.map((id) => taskById.get(id)).map((task) => `${stamp(task ?? null)}>${stamp(task?.sourceArticle ?? null)}`),
    ...a.galleries.map((id) => galleryById.get(id)).map((gallery) => `${stamp(gallery ?? null)}>${stamp(gallery?.article ?? null)}`),
    ...a.legalDocuments.map((id) => documentById.get(id)).map((d) => `${stamp(d ?? null)}>${stamp(d?.documentType ?? null)}`),
  ].join(' ');

/**
 * The last sync's views. The site renderer syncs again and again in one process; a view whose
 * stamps are unchanged is kept, and with it what page-inputs.ts already worked out about it
 * (it remembers by object): an edit then costs its own pages, not 10,000 views described again.
 */
let lastViews = new Map<string, { stamp: string; view: ArticleView }>();

/** Every published article, relations joined, newest first. */
export const articles = once(async () => {
  const [articleById, categoryById, personById, taskById, galleryById, documentById] = await Promise.all([
    articleIndex(),
    categories().then(byDocumentId),
    attendees().then(byDocumentId),
    tasksByYear().then((byYear) => byDocumentId([...byYear.values()].flat())),
    galleries().then(byDocumentId),
    legalDocuments().then(byDocumentId),
  ]);
  const lookups = { categoryById, personById, taskById, galleryById, documentById };
  const views = new Map<string, { stamp: string; view: ArticleView }>();
  for (const a of articleById.values()) {
    const key = viewStamp(a, lookups);
    const last = lastViews.get(a.documentId);
    views.set(a.documentId, last?.stamp === key ? last : { stamp: key, view: joinArticle(a, lookups) });
  }
  lastViews = views;
  return [...views.values()].map(({ view }) => view).sort(byPostedDesc);
});

export const featuredArticles = once(async () => (await articles()).filter((a) => a.featured));

export const articlesByCategory = once(async () => {
  const index = new Map<string, ArticleView[]>();
  for (const article of await articles()) {
    if (article.category) append(index, article.category.documentId, article);
  }
  return index;
});

const attendanceViews = new WeakMap<object, { parts: unknown[]; value: Attendance }>();

/** Person documentId → the events they attended, newest first, with the position held then. */
export const attendancesByPerson = once(async () => {
  const index = new Map<string, Attendance[]>();
  for (const article of await articles()) {
    for (const attendee of article.attendees) {
      append(index, attendee.person.documentId, kept(attendanceViews, attendee, [article], () => ({ article, position: attendee.position })));
    }
  }
  return index;
});

const positions = (lists: Iterable<ArticleView[]>) => {
  const index = new Map<ArticleView[], Map<string, number>>();
  for (const list of lists) index.set(list, new Map(list.map((a, i) => [a.documentId, i])));
  return index;
};
const categoryPositions = once(async () => positions((await articlesByCategory()).values()));
const sitePositions = once(async () => positions([await articles()]));

/** Up to `limit` entries of `list` nearest to position `at`, the newer one first at each distance. */
function nearest(list: ArticleView[], at: number, limit: number, seen: Set<string>): ArticleView[] {
  const picked: ArticleView[] = [];
  for (let distance = 1; picked.length < limit && (at - distance >= 0 || at + distance < list.length); distance += 1) {
    for (const candidate of [list[at - distance], list[at + distance]]) {
      if (!candidate || seen.has(candidate.documentId) || picked.length === limit) continue;
      seen.add(candidate.documentId);
      picked.push(candidate);
    }
  }
  return picked;
}

const relatedLists = new WeakMap<ArticleView, { parts: unknown[]; value: ArticleView[] }>();

/**
 * The articles posted just before and after this one in its category, then across the site,
 * newest first. Neighbours in time rather than the newest news: a reader of a 2021 report
 * sees what happened around it, and an edit changes the related lists of a handful of
 * pages instead of every page of the category (what keeps incremental releases small).
 */
export async function relatedArticles(article: ArticleView, limit = 5): Promise<ArticleView[]> {
  const [all, byCategory, inCategory, inSite] = await Promise.all([articles(), articlesByCategory(), categoryPositions(), sitePositions()]);
  const seen = new Set([article.documentId]);
  const sameCategory = article.category ? (byCategory.get(article.category.documentId) ?? []) : [];
  const picked = nearest(sameCategory, inCategory.get(sameCategory)?.get(article.documentId) ?? -1, limit, seen);
  picked.push(...nearest(all, inSite.get(all)?.get(article.documentId) ?? -1, limit - picked.length, seen));
  picked.sort(byPostedDesc);
  return kept(relatedLists, article, picked, () => picked);
}

/** This year's tasks on the home page; early in January, before any are entered, the newest year's. */
export async function currentTaskYear(now = new Date()): Promise<number | undefined> {
  const byYear = await tasksByYear();
  const thisYear = yearInVietnam(now);
  return byYear.has(thisYear) ? thisYear : byYear.keys().next().value;
}

// Without a settings record (a fresh CMS) the site still builds, under a neutral name.
export const fallbackSettings: Settings = {
  portalName: 'Cổng thông tin điện tử',
  slogan: null,
  sloganYear: null,
  address: null,
  phone: null,
  email: null,
  footerText: null,
  unitType: null,
  unitName: null,
  agencyName: null,
  parentUnit: null,
  emblem: null,
  responsiblePerson: null,
  licence: null,
  officeHours: null,
  domain: null,
  spokesperson: null,
  infoRequestContact: null,
  map: null,
  englishProfile: null,
};

/** The release's redirects (lib/redirect-rules.ts), each dropped one said once per build. */
export const redirectRules = once(async () => {
  const made = makeRedirectRules(await entries('redirects'));
  for (const { from, problem } of made.dropped) console.warn(`redirects: ${from} dropped: ${problem}`);
  return made.rules;
});

export const settings = once(async () => (await getEntry('settings', 'site'))?.data ?? fallbackSettings);

/**
 * What every page shows besides its own input (BaseLayout: the titles, header, banners and
 * footer): part of every page's digest (page-inputs.ts), so a change re-renders every page.
 */
export const pageChrome = once(async () => ({ settings: await settings(), alerts: runningAlerts(await notices(), new Date()) }));

/** A dynamic route's paths to render this build: those whose input or chrome changed (page-inputs.ts). */
export async function routePaths<Props>(route: string, paths: PathWithInput<Props>[]): Promise<{ params: Record<string, string>; props: Props }[]> {
  return selectPaths(route, paths, await pageChrome());
}

/** The CMS's engagement site data (loaders/engagement-loader.ts); none from a CMS without the route. */
export const siteData = once(async (): Promise<Engagement> => (await getEntry('engagement', 'site'))?.data ?? { available: false, viewCounts: {}, mostRead: [], ratings: [] });

/**
 * The "Lượt xem" a page shows: the CMS's current count (what it synced and what the service
 * counted since), or the entry's own viewCount when the CMS gives none. Pages state it as their
 * input: the count moves without the entry's updatedAt, and a page whose number moved must render.
 */
export async function viewsOf(type: EngagementType, entry: { documentId: string; viewCount?: number }): Promise<number> {
  return (await siteData()).viewCounts[pageKey(type, entry.documentId)] ?? entry.viewCount ?? 0;
}

/** The week's most-read articles ("Đọc nhiều"), most read first; an article no longer published drops out. */
export const mostReadArticles = once(async () => {
  const [data, all] = await Promise.all([siteData(), articles()]);
  const byId = byDocumentId(all);
  return data.mostRead.flatMap(({ documentId }) => byId.get(documentId) ?? []).slice(0, 5);
});
