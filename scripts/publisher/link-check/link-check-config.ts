import { z } from 'zod';
import { readEnvironment } from '../config.js';
import type { ProbeOptions } from './safe-request.js';

const emptyIsUnset = (value: unknown) => (value === '' ? undefined : value);
const count = (fallback: number, min = 0) => z.preprocess(emptyIsUnset, z.coerce.number().int().min(min).default(fallback));

const schema = z.object({
  LINK_CHECK_EXTERNAL_BUDGET: count(50),
  LINK_CHECK_TIMEOUT_MS: count(10_000, 1),
  LINK_CHECK_MAX_BYTES: count(64 * 1024, 1),
  // Tests only: their "external" servers listen on loopback, which is otherwise never reached.
  LINK_CHECK_ALLOW_PRIVATE: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'a comma list of host:port')
      .optional(),
  ),
  // The runner hands these to the check's process: the publisher's own view of the CMS.
  STRAPI_URL: z.string().url(),
  STRAPI_TOKEN: z.string().min(1),
  PUBLISHER_DIR: z.string().min(1),
  PUBLIC_CMS_URL: z.preprocess(emptyIsUnset, z.string().url().optional()),
  MEDIA_URL: z.preprocess(emptyIsUnset, z.string().url().optional()),
  SITE_URL: z.preprocess(emptyIsUnset, z.string().url().default('http://localhost:4321')),
});

export interface LinkCheckConfig {
  cms: { strapiUrl: string; strapiToken: string };
  publisherDir: string;
  /** Where uploads are served from: the CMS, its public URL, MEDIA_URL. */
  mediaOrigins: string[];
  externalBudget: number;
  probe: ProbeOptions;
  cmsPublicUrl: string;
  siteUrl: string;
}

export function linkCheckConfig(env = readEnvironment()): LinkCheckConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Link check settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  const strapiUrl = e.STRAPI_URL.replace(/\/+$/, '');
  const origins = [strapiUrl, e.PUBLIC_CMS_URL, e.MEDIA_URL].filter((url): url is string => Boolean(url)).map((url) => new URL(url).origin);
  return {
    cms: { strapiUrl, strapiToken: e.STRAPI_TOKEN },
    publisherDir: e.PUBLISHER_DIR,
    mediaOrigins: [...new Set(origins)],
    externalBudget: e.LINK_CHECK_EXTERNAL_BUDGET,
    probe: {
      timeoutMs: e.LINK_CHECK_TIMEOUT_MS,
      maxBytes: e.LINK_CHECK_MAX_BYTES,
      maxRedirects: 5,
      allowPrivate: new Set((e.LINK_CHECK_ALLOW_PRIVATE ?? '').split(',').filter(Boolean).map((host) => host.toLowerCase())),
    },
    cmsPublicUrl: e.PUBLIC_CMS_URL ?? strapiUrl,
    siteUrl: e.SITE_URL,
  };
}
