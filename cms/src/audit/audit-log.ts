import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { chainHash, GENESIS_HASH, type AuditContent, type AuditRecord } from './audit-chain';
import { currentActor, type Actor } from './audit-actor';
import { AUDIT_TABLE, ensureAuditTable, fromRow, isPostgres, toRow } from './audit-table';

export interface AuditEvent {
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  /** Defaults to whoever the request (or the process) is. */
  actor?: Actor;
}

const MAX_TEXT = 300;
/** Strings in the detail are cut to a line's length: the log is for who and what, not for bodies. */
const trimmed = (value: unknown): unknown => {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (Array.isArray(value)) return value.map(trimmed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, trimmed(inner)]));
  return value;
};

/**
 * Appends one entry, chained to the last, in the caller's transaction: on PostgreSQL it
 * holds the table until that transaction ends, so two CMS instances on one database never
 * fork the chain; SQLite has one writer.
 */
export async function appendAuditEntry(trx: Knex.Transaction, content: AuditContent): Promise<AuditRecord> {
  if (isPostgres(trx)) await trx.raw(`LOCK TABLE ${AUDIT_TABLE} IN SHARE ROW EXCLUSIVE MODE`);
  const last = await trx(AUDIT_TABLE).select('id', 'hash').orderBy('id', 'desc').first();
  const prevHash = last ? String(last.hash) : GENESIS_HASH;
  const record: AuditRecord = { ...content, id: last ? Number(last.id) + 1 : 1, prevHash, hash: chainHash(prevHash, content) };
  await trx(AUDIT_TABLE).insert(toRow(record));
  return record;
}

/** The table, made once per database (a test process may run several CMSes one after another). */
const tables = new WeakMap<object, Promise<void>>();

/**
 * Records an event of this CMS. Inside a write's transaction (the admin publishes in one) the
 * entry joins it, so the change and its entry are kept or lost together; a failure is logged,
 * never thrown at an editor whose change is saved.
 */
export async function audit(strapi: Core.Strapi, event: AuditEvent): Promise<void> {
  const actor = event.actor ?? currentActor(strapi);
  const content: AuditContent = {
    at: new Date().toISOString(),
    actor: actor.name,
    actorKind: actor.kind,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    detail: JSON.stringify(trimmed(event.detail ?? {})),
    clientAddress: actor.clientAddress,
  };
  try {
    const knex = strapi.db.connection;
    // Strapi's own start-up writes roles and tokens before our bootstrap: the first write makes the table.
    if (!tables.has(knex)) tables.set(knex, ensureAuditTable(knex));
    await tables.get(knex);
    await strapi.db.transaction(({ trx }) => appendAuditEntry(trx, content));
  } catch (error) {
    strapi.log.error(`Audit log: could not record ${event.action}: ${(error as Error).message}`);
  }
}

/** Every entry in id order, a page at a time (the log may be long). */
export async function* readAuditLog(knex: Knex, where: (query: Knex.QueryBuilder) => Knex.QueryBuilder = (query) => query): AsyncGenerator<AuditRecord> {
  const PAGE = 1000;
  for (let after = 0; ; ) {
    const rows = await where(knex(AUDIT_TABLE).where('id', '>', after)).orderBy('id').limit(PAGE);
    for (const row of rows) yield fromRow(row);
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}
