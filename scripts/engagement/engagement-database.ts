import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseTarget } from '../production/database-target.js';

/** The CMS's own database, through the same knex and drivers Strapi uses. */
export function connectDatabase(target: DatabaseTarget): Knex {
  if (target.client === 'sqlite') {
    // The service may start before the CMS has made the file (npm start runs both at once).
    mkdirSync(path.dirname(target.file), { recursive: true });
    // One connection: better-sqlite3 is synchronous, and the file's lock is shared with the CMS
    // (its default 5 s busy timeout waits for the CMS's writes).
    return knex({ client: 'better-sqlite3', connection: { filename: target.file }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  }
  const connection = target.url
    ? { connectionString: target.url }
    : { host: target.host, port: target.port, database: target.database, user: target.user, password: target.password };
  return knex({ client: 'pg', connection, pool: { min: 1, max: 10 } });
}
