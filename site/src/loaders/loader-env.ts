import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';

const envSchema = z.object({
  STRAPI_URL: z.string().url().default('http://127.0.0.1:1337'),
  STRAPI_TOKEN: z.string().min(1).optional(),
  // The CMS saves its read-only token here (git-ignored); the site is built from site/.
  STRAPI_TOKEN_FILE: z.string().default(path.resolve(process.cwd(), '..', 'var', 'site-token')),
  STRAPI_PAGE_SIZE: z.coerce.number().int().positive().default(200),
  STRAPI_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  STRAPI_RETRIES: z.coerce.number().int().min(0).default(4),
  STRAPI_BACKOFF_MS: z.coerce.number().int().positive().default(500),
});

export interface LoaderEnv {
  baseUrl: string;
  token: string;
  pageSize: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

/** Build-time settings; the token never reaches a page or the browser. */
export function loaderEnv(env: NodeJS.ProcessEnv = process.env): LoaderEnv {
  // An empty variable (as .env.example leaves them) means "use the default".
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    throw new Error(`Site build settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const token = e.STRAPI_TOKEN ?? (existsSync(e.STRAPI_TOKEN_FILE) ? readFileSync(e.STRAPI_TOKEN_FILE, 'utf8').trim() : '');
  if (!token) {
    throw new Error(`No Strapi token: set STRAPI_TOKEN, or start the CMS once so it writes ${e.STRAPI_TOKEN_FILE}.`);
  }
  return {
    baseUrl: e.STRAPI_URL,
    token,
    pageSize: e.STRAPI_PAGE_SIZE,
    timeoutMs: e.STRAPI_TIMEOUT_MS,
    retries: e.STRAPI_RETRIES,
    backoffMs: e.STRAPI_BACKOFF_MS,
  };
}
