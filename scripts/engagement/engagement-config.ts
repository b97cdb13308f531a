import path from 'node:path';
import { z } from 'zod';
import { fromRepoRoot, optional, readEnvironment, withDefault } from '../publisher/config.js';
import { ENGAGEMENT_MANIFEST } from '../../cms/src/content-model/engagement-paths.js';
import { databaseTarget, type DatabaseTarget } from '../production/database-target.js';

const count = z.coerce.number().int().min(1);

const schema = z.object({
  // Keys the visitor hash and signs the proof-of-work challenges; guessed offline, so long.
  ENGAGEMENT_SECRET: z
    .string({ required_error: 'ENGAGEMENT_SECRET is required (npm run setup writes one to .env)' })
    .min(32, 'ENGAGEMENT_SECRET must be at least 32 characters (remove it from .env and run npm run setup)'),
  ENGAGEMENT_HOST: withDefault(z.string(), '127.0.0.1'),
  ENGAGEMENT_PORT: withDefault(z.coerce.number().int().min(0).max(65535), 4324),
  // At most one batch of views is lost in a crash: this long.
  ENGAGEMENT_FLUSH_MS: withDefault(z.coerce.number().int().min(10).max(5000), 2000),
  // Who may set X-Forwarded-For: the publisher's proxy and nginx on this machine.
  ENGAGEMENT_TRUST_PROXY: withDefault(z.string(), '127.0.0.1,::1'),
  // Where the live release is (the publisher's PUBLISHER_DIR): its manifest says which pages exist.
  PUBLISHER_DIR: withDefault(z.string(), 'var').transform(fromRepoRoot),
  SITE_URL: withDefault(z.string().url(), 'http://localhost:4321'),
  STRAPI_URL: withDefault(z.string().url(), 'http://127.0.0.1:1337'),
  QUESTION_TOKEN_FILE: withDefault(z.string(), 'var/question-token').transform(fromRepoRoot),
  // Questions a visitor may send per hour; without the proof of work (no JavaScript), per hour for the whole site.
  QUESTION_LIMIT_PER_HOUR: withDefault(count, 5),
  QUESTION_UNVERIFIED_LIMIT_PER_HOUR: withDefault(count, 20),
  // The proof of work's cost (PBKDF2 iterations per attempt): a second or two in a phone's browser.
  ALTCHA_COST: withDefault(count, 5000),
  ALTCHA_MAX_COUNTER: withDefault(count, 10_000),
  ALTCHA_EXPIRES_S: withDefault(count, 20 * 60),
  STRAPI_TIMEOUT_MS: optional(z.coerce.number().int().min(1)),
});

export interface EngagementConfig {
  secret: string;
  host: string;
  port: number;
  flushMs: number;
  trustProxy: string[];
  manifestFile: string;
  siteOrigin: string;
  strapiUrl: string;
  strapiTimeoutMs: number;
  questionTokenFile: string;
  questionLimitPerHour: number;
  unverifiedLimitPerHour: number;
  altcha: { cost: number; maxCounter: number; expiresS: number };
  database: DatabaseTarget;
}

export function engagementConfig(env: Record<string, string | undefined> = readEnvironment()): EngagementConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Engagement settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return {
    secret: e.ENGAGEMENT_SECRET,
    host: e.ENGAGEMENT_HOST,
    port: e.ENGAGEMENT_PORT,
    flushMs: e.ENGAGEMENT_FLUSH_MS,
    trustProxy: e.ENGAGEMENT_TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean),
    manifestFile: path.join(e.PUBLISHER_DIR, 'current', ENGAGEMENT_MANIFEST),
    siteOrigin: new URL(e.SITE_URL).origin,
    strapiUrl: e.STRAPI_URL.replace(/\/+$/, ''),
    strapiTimeoutMs: e.STRAPI_TIMEOUT_MS ?? 10_000,
    questionTokenFile: e.QUESTION_TOKEN_FILE,
    questionLimitPerHour: e.QUESTION_LIMIT_PER_HOUR,
    unverifiedLimitPerHour: e.QUESTION_UNVERIFIED_LIMIT_PER_HOUR,
    altcha: { cost: e.ALTCHA_COST, maxCounter: e.ALTCHA_MAX_COUNTER, expiresS: e.ALTCHA_EXPIRES_S },
    database: databaseTarget(env),
  };
}
