import type { Knex } from 'knex';

/** Our own table beside Strapi's, like the audit log's: Strapi's schema sync leaves it alone. */
export const VERSION_TABLE = 'portal_content_versions';

/** Which way a write came in, from who made it (`currentActor`'s kind). */
export type VersionPath = 'admin' | 'rest' | 'seed' | 'script' | 'scheduler' | 'restore' | 'system';

export interface VersionRow {
  id: number;
  contentType: string;
  documentId: string;
  locale: string | null;
  version: number;
  at: string;
  actor: string;
  path: VersionPath;
  action: string;
  status: 'draft' | 'published';
  bytes: number;
}

export const fromRow = (row: Record<string, unknown>): VersionRow => ({
  id: Number(row.id),
  contentType: String(row.content_type),
  documentId: String(row.document_id),
  locale: (row.locale as string | null) ?? null,
  version: Number(row.version),
  at: String(row.at),
  actor: String(row.actor),
  path: String(row.path) as VersionPath,
  action: String(row.action),
  status: String(row.status) as VersionRow['status'],
  bytes: Number(row.bytes),
});

/** The metadata columns, for lists that leave the (large) data out. */
export const META_COLUMNS = ['id', 'content_type', 'document_id', 'locale', 'version', 'at', 'actor', 'path', 'action', 'status', 'bytes'];

export async function ensureVersionTable(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(VERSION_TABLE)) return;
  await knex.schema.createTable(VERSION_TABLE, (table) => {
    table.increments('id').primary();
    table.string('content_type', 128).notNullable();
    table.string('document_id', 64).notNullable();
    table.string('locale', 16).nullable();
    table.integer('version').notNullable();
    table.string('at', 32).notNullable();
    table.string('actor', 320).notNullable();
    table.string('path', 16).notNullable();
    table.string('action', 32).notNullable();
    table.string('status', 16).notNullable();
    table.integer('bytes').notNullable();
    table.text('data').notNullable();
    table.index(['content_type', 'document_id', 'id'], 'portal_content_versions_document');
  });
}
