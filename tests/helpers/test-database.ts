import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POSTGRES, withPostgresAdmin } from '../../scripts/lib/postgres-admin.js';

export type DatabaseClient = 'sqlite' | 'postgres';

export interface TestDatabase {
  client: DatabaseClient;
  /** Environment that points Strapi at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-sqlite-'));
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Where PostgreSQL is absent the suite says so and skips; under CI=true an absent
 * PostgreSQL is a failure, since CI must prove the production database works.
 */
export async function postgresReachable(): Promise<boolean> {
  try {
    await withPostgresAdmin((client) => client.query('select 1'));
    return true;
  } catch (error) {
    const reason = `PostgreSQL at ${POSTGRES.host}:${POSTGRES.port} is unreachable (${(error as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it.`);
    console.warn(`${reason}: skipping the PostgreSQL tests.`);
    return false;
  }
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `portal_test_${randomBytes(4).toString('hex')}`;
  await withPostgresAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    client: 'postgres',
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: POSTGRES.host,
      DATABASE_PORT: String(POSTGRES.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: POSTGRES.user,
      DATABASE_PASSWORD: POSTGRES.password,
    },
    drop: () => withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export const createTestDatabase = (client: DatabaseClient) =>
  client === 'sqlite' ? Promise.resolve(sqliteDatabase()) : postgresDatabase();
