import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { envFile, repoRoot } from '../lib/paths.js';

/** The process environment wins over the git-ignored .env, as everywhere in this repo. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...env };
}

// `.env.example` leaves optional settings empty (`DEPLOY_COMMAND=`): empty means unset.
export const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
export const withDefault = <T extends z.ZodTypeAny>(schema: T, fallback: z.input<T>) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.default(fallback));

const milliseconds = z.coerce.number().int().min(0);
/**
 * The quiet window that turns a burst of events into one build (DEBOUNCE_MS). A publish's
 * twin events arrive within milliseconds; a script's burst that outlasts the window costs
 * one more build, not one per event, since builds run one at a time and what arrives
 * meanwhile waits as one.
 */
export const DEFAULT_DEBOUNCE_MS = 250;
const port = z.coerce.number().int().min(0).max(65535);
export const fromRepoRoot = (value: string) => path.resolve(repoRoot, value);

/** Both secrets are guessed offline (the deploy-hook token, a preview link's HMAC): 32 characters at least. */
export const MIN_SECRET_LENGTH = 32;
const longSecret = (name: string) =>
  z
    .string({ required_error: `${name} is required (npm run setup writes one to .env)` })
    .min(1, `${name} is empty (npm run setup writes one to .env)`)
    .min(
      MIN_SECRET_LENGTH,
      `${name} is shorter than ${MIN_SECRET_LENGTH} characters: remove it from .env and run npm run setup to generate a long one, or set one of at least ${MIN_SECRET_LENGTH} random characters`,
    );
const secret = longSecret('REBUILD_SECRET');

const publisherSchema = z
  .object({
    REBUILD_SECRET: secret,
    STRAPI_URL: withDefault(z.string().url(), 'http://127.0.0.1:1337'),
    STRAPI_TOKEN: optional(z.string()),
    // The CMS writes its read-only token there (same variable as cms/).
    SITE_TOKEN_FILE: withDefault(z.string(), 'var/site-token').transform(fromRepoRoot),
    PUBLIC_CMS_URL: optional(z.string().url()),
    // Where uploads are served from when they live on object storage (the CMS's S3_PUBLIC_URL).
    MEDIA_URL: optional(z.string().url()),
    // Loopback: in production nginx is the only door (docs/production.md); set 0.0.0.0 to expose it.
    PUBLISHER_HOST: withDefault(z.string(), '127.0.0.1'),
    PUBLIC_PORT: withDefault(port, 4321),
    PUBLISHER_PORT: withDefault(port, 4322),
    // A publish arrives as two or three events within milliseconds; half a second's quiet covers
    // them, and what comes later queues behind the running build as one more.
    DEBOUNCE_MS: withDefault(milliseconds, DEFAULT_DEBOUNCE_MS),
    MAX_WAIT_MS: withDefault(milliseconds, 30_000),
    BUILD_TIMEOUT_MS: withDefault(milliseconds.min(1), 15 * 60_000),
    KEEP_RELEASES: withDefault(z.coerce.number().int().min(1), 5),
    DEPLOY_COMMAND: optional(z.string()),
    PUBLISHER_DIR: withDefault(z.string(), 'var').transform(fromRepoRoot),
    // Without a secret there is no preview: nothing could tell a link from the CMS from a forged one.
    PREVIEW_SECRET: optional(longSecret('PREVIEW_SECRET')),
    PREVIEW_PORT: withDefault(port, 4323),
    PREVIEW_TOKEN_FILE: withDefault(z.string(), 'var/preview-token').transform(fromRepoRoot),
    // Inside the repo: the preview server imports the site's packages from its node_modules.
    PREVIEW_BUILD_DIR: withDefault(z.string(), 'var/preview-server')
      .transform(fromRepoRoot)
      .refine((dir) => !path.relative(repoRoot, dir).startsWith('..'), 'PREVIEW_BUILD_DIR must be inside the repository'),
    SITE_URL: withDefault(z.string().url(), 'http://localhost:4321'),
    // The engagement service (scripts/engagement/, ENGAGEMENT_PORT); `off`: /tuong-tac/ is not passed on.
    ENGAGEMENT_URL: withDefault(z.union([z.literal('off'), z.string().url()]), 'http://127.0.0.1:4324'),
  })
  .refine((env) => env.MAX_WAIT_MS >= env.DEBOUNCE_MS, { message: 'MAX_WAIT_MS must be at least DEBOUNCE_MS', path: ['MAX_WAIT_MS'] });

export interface PublisherConfig {
  secret: string;
  strapiUrl: string;
  /** Origins the public pages may load images from (CSP img-src). */
  cmsOrigins: string[];
  host: string;
  publicPort: number;
  publisherPort: number;
  debounceMs: number;
  maxWaitMs: number;
  buildTimeoutMs: number;
  keepReleases: number;
  deployCommand: string | undefined;
  publisherDir: string;
  /** Where /tuong-tac/ goes (the engagement service), if anywhere. */
  engagementUrl: string | undefined;
  /** Read at every build: the CMS may write its token file after the publisher started. */
  strapiToken(): string;
  /** The draft preview, when PREVIEW_SECRET is set. */
  preview: PreviewConfig | undefined;
  /** The site build's settings found in the environment or .env, handed to each build. */
  siteBuildEnv: Record<string, string>;
}

const SITE_BUILD_SETTINGS = ['SITE_URL', 'MEDIA_URL', 'STRAPI_PAGE_SIZE', 'STRAPI_TIMEOUT_MS', 'STRAPI_RETRIES'];

export interface PreviewConfig {
  secret: string;
  port: number;
  buildDir: string;
  /** The live site, where links inside a preview lead. */
  siteUrl: string;
  /** The CMS's draft-reading token, read at every request. */
  token(): string;
}

function readToken(file: string, what: string): string {
  const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (!token) throw new Error(`No ${what}: start the CMS once so it writes ${file}`);
  return token;
}

function parse<T extends z.ZodTypeAny>(schema: T, env: Record<string, string | undefined>, what: string): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`${what} settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function publisherConfig(env = readEnvironment()): PublisherConfig {
  const e = parse(publisherSchema, env, 'Publisher');
  const origins = [e.STRAPI_URL, e.PUBLIC_CMS_URL, e.MEDIA_URL].filter((url): url is string => Boolean(url)).map((url) => new URL(url).origin);
  return {
    secret: e.REBUILD_SECRET,
    strapiUrl: e.STRAPI_URL.replace(/\/+$/, ''),
    cmsOrigins: [...new Set(origins)],
    host: e.PUBLISHER_HOST,
    publicPort: e.PUBLIC_PORT,
    publisherPort: e.PUBLISHER_PORT,
    debounceMs: e.DEBOUNCE_MS,
    maxWaitMs: e.MAX_WAIT_MS,
    buildTimeoutMs: e.BUILD_TIMEOUT_MS,
    keepReleases: e.KEEP_RELEASES,
    deployCommand: e.DEPLOY_COMMAND,
    publisherDir: e.PUBLISHER_DIR,
    engagementUrl: e.ENGAGEMENT_URL === 'off' ? undefined : e.ENGAGEMENT_URL,
    strapiToken() {
      if (e.STRAPI_TOKEN) return e.STRAPI_TOKEN;
      return readToken(e.SITE_TOKEN_FILE, 'Strapi token (or set STRAPI_TOKEN)');
    },
    preview: e.PREVIEW_SECRET
      ? {
          secret: e.PREVIEW_SECRET,
          port: e.PREVIEW_PORT,
          buildDir: e.PREVIEW_BUILD_DIR,
          siteUrl: e.SITE_URL,
          token: () => readToken(e.PREVIEW_TOKEN_FILE, 'preview token'),
        }
      : undefined,
    siteBuildEnv: Object.fromEntries(SITE_BUILD_SETTINGS.flatMap((name) => (env[name] ? [[name, env[name]!]] : []))),
  };
}

// The CLI only sends the secret: a wrong or short one gets the publisher's 401, which says more.
const cliSchema = z.object({
  REBUILD_SECRET: z.string({ required_error: 'REBUILD_SECRET is required (npm run setup writes one to .env)' }).min(1, 'REBUILD_SECRET is empty'),
  PUBLISHER_PORT: withDefault(port, 4322),
  PUBLISHER_URL: optional(z.string().url()),
});

/** What `npm run rebuild` needs: where the publisher listens and the secret to call it. */
export function rebuildCliConfig(env = readEnvironment()): { secret: string; publisherUrl: string } {
  const e = parse(cliSchema, env, 'Rebuild');
  return { secret: e.REBUILD_SECRET, publisherUrl: (e.PUBLISHER_URL ?? `http://127.0.0.1:${e.PUBLISHER_PORT}`).replace(/\/+$/, '') };
}

const rollbackSchema = z.object({ PUBLISHER_DIR: withDefault(z.string(), 'var').transform(fromRepoRoot), DEPLOY_COMMAND: optional(z.string()) });

/** Rollback only touches files, so it needs no secret. */
export function publisherDirFromEnv(env = readEnvironment()): string {
  return parse(rollbackSchema, env, 'Rollback').PUBLISHER_DIR;
}

/** What a rollback runs once the earlier release is live, as a publish does (an nginx reload, an upload). */
export function deployCommandFromEnv(env = readEnvironment()): string | undefined {
  return parse(rollbackSchema, env, 'Rollback').DEPLOY_COMMAND;
}
