import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { declarationOf } from '../content-model/content-types.js';
import { currentActor, type Actor } from '../audit/audit-actor';
import { hasDraftAndPublish } from '../utils/our-content-types';
import { fullPopulate, toSnapshot } from './entry-snapshot';
import { historySettings } from './history-settings';
import { restoringVersion } from './restore-context';
import { VERSION_TABLE, type VersionPath } from './version-table';

const WRITES = new Set(['create', 'update', 'publish', 'unpublish', 'discardDraft', 'delete']);

const PATHS: Record<Actor['kind'], VersionPath> = {
  admin: 'admin',
  'api-token': 'rest',
  anonymous: 'rest',
  seed: 'seed',
  script: 'script',
  scheduler: 'scheduler',
  restore: 'restore',
  system: 'system',
  publisher: 'system',
};

type Params = { documentId?: string; locale?: string; status?: unknown; data?: Record<string, unknown> };
type Row = Record<string, unknown>;

/**
 * The entry as it now is, in the status the write left it in, whole. Read as the CMS itself
 * (no request context): the Content API's rules would turn a draft read into a published one.
 */
async function readEntry(strapi: Core.Strapi, uid: UID.ContentType, documentId: string, status: 'draft' | 'published'): Promise<Row | null> {
  const service = strapi.documents(uid) as unknown as { findOne(params: Row): Promise<Row | null> };
  const asTheCms = strapi.requestContext as unknown as { run<T>(store: undefined, work: () => Promise<T>): Promise<T> };
  return asTheCms.run(undefined, () => service.findOne({ documentId, status, populate: fullPopulate(strapi, uid) }));
}

/** Which state of the entry a write produced: a publish the published one, everything else the draft (a type without drafts has one). */
function statusAfter(uid: string, action: string, params: Params): 'draft' | 'published' {
  if (!hasDraftAndPublish(uid)) return 'published';
  return action === 'publish' || (action !== 'unpublish' && params.status === 'published') ? 'published' : 'draft';
}

/** What the version records: a save that sets a publish or unpublish time is a schedule; a write of a restore, a restore. */
function versionAction(action: string, params: Params): string {
  if (restoringVersion() !== undefined) return 'restore';
  const sets = (field: string) => params.data?.[field] !== undefined && params.data[field] !== null && params.data[field] !== '';
  return (action === 'update' || action === 'create') && (sets('publishAt') || sets('unpublishAt')) ? 'schedule' : action;
}

/** Keeps a type without drafts to its last N versions an entry, and drops versions past the age limit, the newest always kept. */
async function prune(trx: Knex.Transaction, uid: string, documentId: string): Promise<void> {
  const { HISTORY_KEEP_LIVE, HISTORY_MAX_AGE_DAYS } = historySettings();
  const ofEntry = () => trx(VERSION_TABLE).where({ content_type: uid, document_id: documentId });
  const newest = await ofEntry().max({ id: 'id' }).first();
  if (!newest?.id) return;
  if (!hasDraftAndPublish(uid)) {
    const keep = await ofEntry().select('id').orderBy('id', 'desc').offset(HISTORY_KEEP_LIVE - 1).limit(1).first();
    if (keep) await ofEntry().where('id', '<', keep.id).delete();
  }
  if (HISTORY_MAX_AGE_DAYS) {
    const cutoff = new Date(Date.now() - HISTORY_MAX_AGE_DAYS * 86_400_000).toISOString();
    await ofEntry().where('at', '<', cutoff).whereNot('id', newest.id).delete();
  }
}

export interface VersionEvent {
  uid: string;
  documentId: string;
  action: string;
  status: 'draft' | 'published';
  entry: Row;
  actor: Actor;
}

/** Appends a version in the caller's transaction, inside a savepoint: a failure here never takes the write down with it. */
export async function storeVersion(strapi: Core.Strapi, { uid, documentId, action, status, entry, actor }: VersionEvent): Promise<void> {
  const data = JSON.stringify(toSnapshot(strapi, uid, entry));
  const locale = (entry.locale as string | null | undefined) ?? null;
  await strapi.db.transaction(({ trx: write }) => write.transaction(async (trx: Knex.Transaction) => {
    const last = await trx(VERSION_TABLE).where({ content_type: uid, document_id: documentId }).max({ version: 'version' }).first();
    await trx(VERSION_TABLE).insert({
      content_type: uid,
      document_id: documentId,
      locale,
      version: Number(last?.version ?? 0) + 1,
      at: new Date().toISOString(),
      actor: actor.name,
      path: PATHS[actor.kind],
      action,
      status,
      bytes: Buffer.byteLength(data),
      data,
    });
    await prune(trx, uid, documentId);
  }));
}

/**
 * Every write of a portal type, whichever way it came (the admin, REST, the seed, scripts,
 * the scheduler, a restore), stores the entry as it now is: a version. In the Document
 * Service, after the write succeeded and in its transaction. A failure to store is logged,
 * never thrown at an editor whose change is saved.
 */
export function recordVersions(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!WRITES.has(action) || !declarationOf(uid) || !historySettings().HISTORY_ENABLED) return next();
    const params = (context.params ?? {}) as Params;
    const actor = currentActor(strapi);
    return strapi.db.transaction(async () => {
      // A deleted entry is kept as it was just before: what a restore would need.
      const before = action === 'delete' && params.documentId ? await readEntry(strapi, uid, params.documentId, hasDraftAndPublish(uid) ? 'draft' : 'published') : null;
      const outcome = await next();
      try {
        const documentId = params.documentId ?? ((outcome as Row | null)?.documentId as string | undefined);
        if (!documentId) return outcome;
        const status = action === 'delete' ? (hasDraftAndPublish(uid) ? 'draft' : 'published') : statusAfter(uid, action, params);
        const entry = action === 'delete' ? before : await readEntry(strapi, uid, documentId, status);
        if (entry) await storeVersion(strapi, { uid, documentId, action: versionAction(action, params), status, entry, actor });
      } catch (error) {
        strapi.log.error(`Version history: could not store ${action} of ${uid}: ${(error as Error).message}`);
      }
      return outcome;
    });
  });
}
