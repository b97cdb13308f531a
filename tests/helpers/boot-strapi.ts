import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { startScratchStrapi } from '../../scripts/lib/strapi-app.js';
import type { TestDatabase } from './test-database.js';

export interface TestStrapi {
  strapi: Core.Strapi;
  url: string;
  /** The read-only token the CMS saved for the site build. */
  siteToken: string;
  /** The draft-reading token the CMS saved for the preview. */
  previewToken: string;
  /** The engagement service's token: creates questions, nothing else. */
  questionToken: string;
  /** A full-access API token, for writes the tests make through REST. */
  fullAccessToken(): Promise<string>;
  stop(): Promise<void>;
}

/** A real Strapi on its own database and a free port; one per test file at a time. */
export async function bootStrapi(db: TestDatabase, env: Record<string, string> = {}, options: { serveAdminPanel?: boolean } = {}): Promise<TestStrapi> {
  const running = await startScratchStrapi({ ...db.env, ...env }, options);
  let fullToken: string | undefined;
  return {
    ...running,
    async fullAccessToken() {
      fullToken ??= (
        await running.strapi.service('admin::api-token').create({
          name: `tests-${randomBytes(6).toString('hex')}`,
          type: 'full-access',
          lifespan: null,
        })
      ).accessKey as string;
      return fullToken;
    },
  };
}
