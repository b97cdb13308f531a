import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../lib/paths.js';

export type DatabaseTarget =
  | { client: 'sqlite'; file: string }
  | { client: 'postgres'; url?: string; host: string; port: number; database: string; user: string; password: string };

const schema = z.object({
  DATABASE_CLIENT: z.enum(['sqlite', 'postgres']).default('sqlite'),
  DATABASE_FILENAME: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_HOST: z.string().default('127.0.0.1'),
  DATABASE_PORT: z.coerce.number().int().default(5432),
  DATABASE_NAME: z.string().default('portal'),
  DATABASE_USERNAME: z.string().default('postgres'),
  DATABASE_PASSWORD: z.string().default(''),
});

/** The CMS's database, read from the same variables and defaults as cms/config/database.ts. */
export function databaseTarget(env: Record<string, string | undefined>): DatabaseTarget {
  const e = schema.parse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (e.DATABASE_CLIENT === 'sqlite') return { client: 'sqlite', file: path.resolve(repoRoot, e.DATABASE_FILENAME ?? 'var/cms/data.db') };
  return { client: 'postgres', url: e.DATABASE_URL, host: e.DATABASE_HOST, port: e.DATABASE_PORT, database: e.DATABASE_NAME, user: e.DATABASE_USERNAME, password: e.DATABASE_PASSWORD };
}

/** pg_dump / pg_restore arguments and environment for a PostgreSQL target. */
export function postgresArgs(target: Extract<DatabaseTarget, { client: 'postgres' }>): { args: string[]; env: NodeJS.ProcessEnv } {
  if (target.url) return { args: ['--dbname', target.url], env: process.env };
  return {
    args: ['--host', target.host, '--port', String(target.port), '--username', target.user, '--dbname', target.database],
    env: { ...process.env, PGPASSWORD: target.password },
  };
}
