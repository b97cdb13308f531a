import { z } from 'zod';
import { CONTENT_TYPES, type ContentTypeDeclaration } from '../../../cms/src/content-model/content-types.js';
import { entryPath } from '../../../cms/src/content-model/urls.js';
import { inParallel } from '../../lib/in-parallel.js';
import type { CmsOptions } from '../cms-articles.js';
import { markdownLinks, type ContentLink } from './extract-links.js';

/**
 * Where content carries links: the Markdown fields the site renders (site/src/lib/schemas.ts),
 * a legal document's attachments, a procedure's link to the national portal.
 */
interface LinkSource {
  type: ContentTypeDeclaration;
  markdown: readonly string[];
  /** Fields holding one URL each. */
  urls: readonly string[];
  /** Media fields, each a list of files. */
  files: readonly string[];
}

export const LINK_SOURCES: readonly LinkSource[] = [
  { type: CONTENT_TYPES.article, markdown: ['body'], urls: [], files: [] },
  { type: CONTENT_TYPES.page, markdown: ['body'], urls: [], files: [] },
  { type: CONTENT_TYPES.notice, markdown: ['body'], urls: [], files: [] },
  { type: CONTENT_TYPES.resolutionTask, markdown: ['description'], urls: [], files: [] },
  { type: CONTENT_TYPES.procedure, markdown: ['body'], urls: ['nationalPortalUrl'], files: [] },
  { type: CONTENT_TYPES.legalDocument, markdown: [], urls: [], files: ['attachments'] },
];

/** One published entry and the links it carries. */
export interface EntryLinks {
  uid: string;
  documentId: string;
  title: string;
  /** The entry's own page, which relative links are read against; `/` for a type without one. */
  page: string;
  links: ContentLink[];
}

const pageSchema = z.object({
  data: z.array(z.object({ documentId: z.string().min(1), slug: z.string().nullish() }).passthrough()),
  meta: z.object({ pagination: z.object({ page: z.number().int(), pageCount: z.number().int().min(0) }) }),
});
const text = z.string().nullish();
const files = z.array(z.object({ url: z.string().min(1), name: z.string().nullish() })).nullish();

/** A type whose entries each have a page at urlBase + slug (key tasks have a page a year, and no slug). */
const hasSlugPages = (type: ContentTypeDeclaration) => Boolean(type.urlBase && type.slugFrom);

/** Entries a page: bodies are the largest thing asked for, so fewer than the slug list's 200. */
const PAGE_SIZE = 100;
const PARALLEL_PAGES = 2;

function query(source: LinkSource, page: number): URLSearchParams {
  const fields = [source.type.admin.mainField, ...source.markdown, ...source.urls, ...(hasSlugPages(source.type) ? ['slug'] : [])];
  const params = new URLSearchParams({ status: 'published', 'pagination[pageSize]': String(PAGE_SIZE), 'pagination[page]': String(page), 'sort[0]': 'id:asc' });
  [...new Set(fields)].forEach((field, i) => params.set(`fields[${i}]`, field));
  for (const field of source.files) params.set(`populate[${field}][fields][0]`, 'url');
  for (const field of source.files) params.set(`populate[${field}][fields][1]`, 'name');
  return params;
}

async function listPage(options: CmsOptions, source: LinkSource, page: number): Promise<z.infer<typeof pageSchema>> {
  const url = `${options.strapiUrl.replace(/\/+$/, '')}/api/${source.type.restPath}?${query(source, page)}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${options.strapiToken}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  if (!response.ok) throw new Error(`the CMS answered ${response.status} to /api/${source.type.restPath}`);
  const parsed = pageSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`the CMS's ${source.type.restPath} are not what was expected: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function entryLinks(source: LinkSource, raw: z.infer<typeof pageSchema>['data'][number]): EntryLinks {
  const field = (name: string) => {
    const value = text.safeParse(raw[name]);
    return value.success ? (value.data ?? '') : '';
  };
  const links: ContentLink[] = [];
  for (const name of source.markdown) links.push(...markdownLinks(field(name)));
  for (const name of source.urls) if (field(name).trim()) links.push({ url: field(name).trim(), text: '' });
  for (const name of source.files) {
    const attached = files.safeParse(raw[name]);
    for (const file of attached.success ? (attached.data ?? []) : []) links.push({ url: file.url, text: file.name ?? '', attachment: true });
  }
  const slug = raw.slug;
  return {
    uid: source.type.uid,
    documentId: raw.documentId,
    title: field(source.type.admin.mainField),
    page: hasSlugPages(source.type) && typeof slug === 'string' && slug ? entryPath(source.type, slug) : '/',
    links,
  };
}

/** Every published entry that carries links, type by type, paged and checked against the expected shape. */
export async function publishedEntryLinks(options: CmsOptions): Promise<EntryLinks[]> {
  const entries: EntryLinks[] = [];
  for (const source of LINK_SOURCES) {
    const first = await listPage(options, source, 1);
    const rest: EntryLinks[][] = [];
    const pages = Array.from({ length: Math.max(0, first.meta.pagination.pageCount - 1) }, (_, i) => i + 2);
    await inParallel(pages, PARALLEL_PAGES, async (page, i) => {
      rest[i] = (await listPage(options, source, page)).data.map((raw) => entryLinks(source, raw));
    });
    entries.push(...first.data.map((raw) => entryLinks(source, raw)), ...rest.flat());
  }
  return entries.filter((entry) => entry.links.length > 0);
}
