import knex, { type Knex } from 'knex';
import type { DatabaseTarget } from './database-target.js';

/** The CMS's database, opened without Strapi: the audit log is read (and verified) by the people who run the servers. */
export function openAuditDatabase(target: DatabaseTarget): Knex {
  if (target.client === 'sqlite') {
    return knex({ client: 'better-sqlite3', connection: { filename: target.file, readonly: true, fileMustExist: true } as never, useNullAsDefault: true });
  }
  return knex({
    client: 'pg',
    connection: target.url ? { connectionString: target.url } : { host: target.host, port: target.port, database: target.database, user: target.user, password: target.password },
    pool: { min: 0, max: 1 },
  });
}
