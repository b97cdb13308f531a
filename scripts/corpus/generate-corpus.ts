/**
 * A deterministic corpus of district news, loaded through the Document Service of a running
 * (in-process) Strapi: officials whose positions change over the years, key tasks, galleries
 * and categories, and, when asked, Văn bản (generate-documents.ts). Used by the site tests and
 * the benchmarks.
 */
import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { generateDocuments } from './generate-documents.js';
import { seededRandom, type Random } from './random.js';
import * as words from './vietnamese-words.js';

const ARTICLE = CONTENT_TYPES.article.uid;
const ATTENDEE = CONTENT_TYPES.attendee.uid;
const CATEGORY = CONTENT_TYPES.category.uid;
const GALLERY = CONTENT_TYPES.photoGallery.uid;
const TASK = CONTENT_TYPES.resolutionTask.uid;
const BATCH = 50;

export interface CorpusOptions {
  articles: number;
  seed?: number;
  people?: number;
  categories?: number;
  /** Image ids already in the media library, reused as covers and gallery photos. */
  imageIds: number[];
  /** Prefix that keeps slugs apart when several corpora share one CMS. */
  prefix?: string;
  startDate?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Văn bản to generate after the articles (default none, so existing corpora stay as they were). */
  documents?: number;
  onDocumentsProgress?: (done: number, total: number) => void;
}

export interface Corpus {
  articles: string[];
  people: string[];
  categories: string[];
  documents: string[];
}

const personName = (r: Random) => `${r.pick(words.FAMILY_NAMES)} ${r.pick(words.MIDDLE_NAMES)} ${r.pick(words.GIVEN_NAMES)}`;

function paragraphs(r: Random, count: number): string {
  return Array.from({ length: count }, () => Array.from({ length: r.int(2, 4) }, () => r.pick(words.SENTENCES)).join(' ')).join('\n\n');
}

export async function generateCorpus(strapi: Core.Strapi, options: CorpusOptions): Promise<Corpus> {
  const r = seededRandom(options.seed ?? 42);
  const prefix = options.prefix ?? 'tin';
  const docs = (uid: string) => strapi.documents(uid as typeof ARTICLE);
  const image = () => r.pick(options.imageIds);

  const categories: string[] = [];
  for (const category of words.CATEGORIES.slice(0, options.categories ?? 2)) {
    const found = await docs(CATEGORY).findFirst({ filters: { slug: category.slug } });
    categories.push((found ?? (await docs(CATEGORY).create({ data: { ...category, order: categories.length + 1 } as never }))).documentId);
  }

  const people: string[] = [];
  const peopleCount = options.people ?? Math.min(300, Math.max(4, Math.ceil(options.articles / 30)));
  for (let i = 0; i < peopleCount; i += 1) {
    const fullName = `${personName(r)} ${i + 1}`;
    const created = await docs(ATTENDEE).create({
      data: { fullName, honorific: 'Đồng chí', currentPosition: r.pick(words.POSITIONS), organisation: r.pick(words.ORGANISATIONS) } as never,
    });
    people.push(created.documentId);
  }

  const start = (options.startDate ?? new Date('2019-01-01T01:00:00Z')).getTime();
  const articles: string[] = [];
  async function addArticle(i: number): Promise<void> {
    const postedAt = new Date(start + i * 7 * 3600 * 1000 + r.int(0, 3600) * 1000);
    const year = postedAt.getUTCFullYear();
    const event = `${r.pick(words.EVENTS)} ${r.pick(words.TOPICS)}`;
    const title = `${r.pick(words.PLACES)[0]!.toUpperCase()}${r.pick(words.PLACES).slice(1)} tổ chức ${event.toLowerCase()} năm ${year} (${prefix} ${i + 1})`;
    const chosen = new Set(Array.from({ length: r.int(1, 4) }, () => r.int(0, people.length - 1)));
    // The position follows the year, so one person appears with different titles over time.
    const attendees = [...chosen].map((person) => ({ person: people[person], position: words.POSITIONS[(person + year) % words.POSITIONS.length] }));
    const article = await docs(ARTICLE).create({
      status: 'published',
      data: {
        title,
        slug: `${prefix}-${i + 1}`,
        lead: `Ngày ${postedAt.getUTCDate()}/${postedAt.getUTCMonth() + 1}/${year}, ${r.pick(words.PLACES)} tổ chức ${event.toLowerCase()}.`,
        body: paragraphs(r, r.int(3, 6)),
        postedAt: postedAt.toISOString(),
        viewCount: r.int(0, 5000),
        featured: i % 25 === 0,
        category: categories[i % categories.length],
        cover: { image: image(), alt: `Ảnh giữ chỗ: ${event}`, caption: `Quang cảnh ${event.toLowerCase()}` },
        attendees,
      } as never,
    });
    articles.push(article.documentId);

    if (i % 5 === 0) {
      for (let order = 1; order <= 3; order += 1) {
        await docs(TASK).create({
          data: { title: r.pick(words.TASK_TITLES), description: paragraphs(r, 1), year, order, status: r.pick(['planned', 'in_progress', 'done']), sourceArticle: article.documentId } as never,
        });
      }
    }
    if (i % 7 === 0) {
      await docs(GALLERY).create({
        status: 'published',
        data: {
          title: `Hình ảnh ${event.toLowerCase()} (${prefix} ${i + 1})`,
          slug: `anh-${prefix}-${i + 1}`,
          takenAt: postedAt.toISOString(),
          article: article.documentId,
          photos: [1, 2, 3].map((n) => ({ image: image(), caption: `Ảnh ${n}: ${event}`, alt: `Ảnh giữ chỗ ${n} về ${event.toLowerCase()}` })),
        } as never,
      });
    }
  }

  // One transaction a batch: SQLite syncs to disk once per batch instead of once per write.
  for (let from = 0; from < options.articles; from += BATCH) {
    const to = Math.min(from + BATCH, options.articles);
    await strapi.db.transaction(async () => {
      for (let i = from; i < to; i += 1) await addArticle(i);
    });
    options.onProgress?.(to, options.articles);
  }
  const documents = options.documents
    ? await generateDocuments(strapi, { documents: options.documents, seed: options.seed, articles, onProgress: options.onDocumentsProgress })
    : [];
  return { articles, people, categories, documents };
}
