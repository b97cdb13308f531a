/**
 * An Astro content-layer loader for one Strapi collection. The first build fetches every
 * published entry; later builds fetch only entries changed since the last sync (updatedAt or
 * publishedAt, since publishing an unchanged draft moves only the latter), then one count
 * decides whether anything was unpublished or deleted. A no-change build costs two small
 * requests per collection, whatever the number of entries.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { COLLECTIONS, type CollectionName, type CollectionSpec } from './collections';
import { loaderEnv, type LoaderEnv } from './loader-env';
import { toQuery } from './query-string';
import { createStrapiClient, StrapiError, type StrapiClient } from './strapi-client';

/** A bad entry fails the build with its type, documentId and field. */
export class StrapiEntryError extends Error {
  constructor(collection: string, documentId: string, field: string, problem: string) {
    super(`Strapi ${collection} entry ${documentId}: field "${field}" ${problem}`);
    this.name = 'StrapiEntryError';
  }
}

interface SyncCounts {
  fetched: number;
  changed: number;
  removed: number;
}

const SINGLE_ID = 'site';

/** The raw REST entry checked against its collection's schema; a bad one names its documentId and field. */
export function validateEntry(name: string, spec: CollectionSpec, raw: unknown) {
  const parsed = spec.raw.safeParse(raw);
  if (parsed.success) return parsed.data;
  const documentId = (raw as { documentId?: unknown })?.documentId;
  const issue = parsed.error.issues[0]!;
  throw new StrapiEntryError(name, typeof documentId === 'string' ? documentId : '(no documentId)', issue.path.join('.') || '(entry)', issue.message.toLowerCase());
}

const latest = (a: string | undefined, b: string | null | undefined) => (!b ? a : !a || b > a ? b : a);

export function strapiLoader(name: CollectionName, options: { env?: () => LoaderEnv; onRequest?: (url: string) => void } = {}): Loader {
  const spec: CollectionSpec = COLLECTIONS[name];
  return {
    name: `strapi-${name}`,
    async load(context: LoaderContext) {
      const env = (options.env ?? loaderEnv)();
      const client = createStrapiClient({ ...env, onRequest: options.onRequest });
      const absolute = (url: string) => new URL(url, env.baseUrl).href;
      const counts = spec.single
        ? await syncSingle(name, spec, client, context, absolute)
        : await syncCollection(name, spec, client, env.pageSize, context, absolute);
      context.logger.info(`${name}: ${counts.fetched} fetched, ${counts.changed} changed, ${counts.removed} removed`);
    },
  };
}

async function put(context: LoaderContext, id: string, normalized: Record<string, unknown>): Promise<boolean> {
  const data = await context.parseData({ id, data: normalized });
  return context.store.set({ id, data, digest: context.generateDigest(data) });
}

async function syncSingle(
  name: string,
  spec: CollectionSpec,
  client: StrapiClient,
  context: LoaderContext,
  absolute: (url: string) => string,
): Promise<SyncCounts> {
  // A single type that was never saved answers 404: the site then builds with its defaults.
  const body = (await client.get(spec.endpoint, toQuery({ populate: spec.populate })).catch((error: unknown) => {
    if (error instanceof StrapiError && error.status === 404) return null;
    throw error;
  })) as { data: unknown } | null;
  if (!body?.data) {
    const removed = context.store.keys().length;
    context.store.clear();
    return { fetched: 0, changed: 0, removed };
  }
  const changed = await put(context, SINGLE_ID, spec.normalize(validateEntry(name, spec, body.data), absolute));
  return { fetched: 1, changed: changed ? 1 : 0, removed: 0 };
}

async function syncCollection(
  name: string,
  spec: CollectionSpec,
  client: StrapiClient,
  pageSize: number,
  context: LoaderContext,
  absolute: (url: string) => string,
): Promise<SyncCounts> {
  const { store, meta } = context;
  // A cache filled from another CMS (a test server, staging) is no base for an incremental sync.
  const source = `${client.baseUrl}/api/${spec.endpoint}`;
  const since = meta.get('source') === source ? meta.get('since') : undefined;
  meta.set('source', source);
  const counts: SyncCounts = { fetched: 0, changed: 0, removed: 0 };
  const filters = since ? { $or: [{ updatedAt: { $gt: since } }, { publishedAt: { $gt: since } }] } : undefined;
  const query = toQuery({ status: 'published', populate: spec.populate, filters, sort: ['updatedAt:asc', 'documentId:asc'] });

  let newest = since;
  const seen = new Set<string>();
  for await (const page of client.pages(spec.endpoint, query, pageSize)) {
    for (const raw of page.data) {
      const entry = validateEntry(name, spec, raw) as { documentId: string; updatedAt: string; publishedAt?: string | null };
      counts.fetched += 1;
      seen.add(entry.documentId);
      if (await put(context, entry.documentId, spec.normalize(entry, absolute))) counts.changed += 1;
      newest = latest(latest(newest, entry.updatedAt), entry.publishedAt);
    }
  }

  let stale: string[] = [];
  if (!since) {
    stale = store.keys().filter((id) => !seen.has(id));
  } else {
    const probe = (await client.get(spec.endpoint, toQuery({ status: 'published', fields: ['documentId'], pagination: { pageSize: 1 } }))) as {
      meta: { pagination: { total: number } };
    };
    if (probe.meta.pagination.total !== store.keys().length) {
      const live = new Set<string>();
      for await (const page of client.pages(spec.endpoint, toQuery({ status: 'published', fields: ['documentId'] }), pageSize)) {
        for (const raw of page.data) live.add((raw as { documentId: string }).documentId);
      }
      stale = store.keys().filter((id) => !live.has(id));
    }
  }
  for (const id of stale) store.delete(id);
  counts.removed = stale.length;
  if (newest) meta.set('since', newest);
  return counts;
}
