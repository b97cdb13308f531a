import type { Knex } from 'knex';
import type { AuditRecord } from './audit-chain';

/** Our own table, beside Strapi's: Strapi's schema sync leaves tables it did not make alone. */
export const AUDIT_TABLE = 'portal_audit_log';

const APPEND_ONLY = `${AUDIT_TABLE} is append-only`;

/** knex's own name for the dialect, whatever the client was called in the configuration. */
export const isPostgres = (knex: Knex) => (knex.client as { dialect?: string }).dialect === 'postgresql';

/** Row ⇄ record: the columns are snake_case, as Strapi's are. */
export const fromRow = (row: Record<string, unknown>): AuditRecord => ({
  id: Number(row.id),
  at: String(row.at),
  actor: String(row.actor),
  actorKind: String(row.actor_kind) as AuditRecord['actorKind'],
  action: String(row.action),
  subjectType: (row.subject_type as string | null) ?? null,
  subjectId: (row.subject_id as string | null) ?? null,
  detail: String(row.detail),
  clientAddress: (row.client_address as string | null) ?? null,
  prevHash: String(row.prev_hash),
  hash: String(row.hash),
});

export const toRow = (record: AuditRecord) => ({
  id: record.id,
  at: record.at,
  actor: record.actor,
  actor_kind: record.actorKind,
  action: record.action,
  subject_type: record.subjectType,
  subject_id: record.subjectId,
  detail: record.detail,
  client_address: record.clientAddress,
  prev_hash: record.prevHash,
  hash: record.hash,
});

/**
 * Makes the table and the triggers that refuse every UPDATE, DELETE (and on PostgreSQL
 * TRUNCATE) of it, whoever asks: Strapi, a script or psql. Someone who can drop a trigger
 * can still edit a row; the hash chain is what shows that.
 */
export async function ensureAuditTable(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(AUDIT_TABLE))) {
    await knex.schema.createTable(AUDIT_TABLE, (table) => {
      // Given by the writer as the last id + 1, never by a sequence: a rolled-back insert would leave a gap that reads as a deletion.
      table.integer('id').primary();
      table.string('at', 32).notNullable();
      table.string('actor', 320).notNullable();
      table.string('actor_kind', 16).notNullable();
      table.string('action', 64).notNullable();
      table.string('subject_type', 128).nullable();
      table.string('subject_id', 64).nullable();
      table.text('detail').notNullable();
      table.string('client_address', 64).nullable();
      table.string('prev_hash', 64).notNullable();
      table.string('hash', 64).notNullable();
      table.index(['at']);
      table.index(['action']);
    });
  }
  if (isPostgres(knex)) {
    await knex.raw(`CREATE OR REPLACE FUNCTION ${AUDIT_TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${APPEND_ONLY}'; END $$`);
    for (const [name, when] of [
      ['no_change', 'BEFORE UPDATE OR DELETE ON %t FOR EACH ROW'],
      ['no_truncate', 'BEFORE TRUNCATE ON %t FOR EACH STATEMENT'],
    ] as const) {
      const exists = await knex.raw('SELECT 1 FROM pg_trigger WHERE tgname = ?', [`${AUDIT_TABLE}_${name}`]);
      if (exists.rows.length === 0) {
        await knex.raw(`CREATE TRIGGER ${AUDIT_TABLE}_${name} ${when.replace('%t', AUDIT_TABLE)} EXECUTE FUNCTION ${AUDIT_TABLE}_append_only()`);
      }
    }
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${AUDIT_TABLE}_no_${event.toLowerCase()} BEFORE ${event} ON ${AUDIT_TABLE}
        BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`);
    }
  }
}
