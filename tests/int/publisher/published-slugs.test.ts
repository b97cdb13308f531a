import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRelease } from '../../../scripts/publisher/check-release.js';
import { PublishedSlugs } from '../../../scripts/publisher/cms-articles.js';
import { fakeCms, type FakeCms } from './support/fake-cms.js';
import { writeFakeSite } from './support/fake-site.js';

/** What the check asked the CMS for: the whole list, changes since, or the count. */
const kind = (query: URLSearchParams) =>
  query.has('filters[$or][0][updatedAt][$gt]') ? 'changes' : query.get('pagination[pageSize]') === '1' ? 'count' : 'whole';

describe('the release check keeps the CMS article list from one check to the next', () => {
  let cms: FakeCms;
  let published: PublishedSlugs;
  const slugs = Array.from({ length: 450 }, (_, i) => `tin-${i}`);

  async function check(live: string[]): Promise<{ error: string | null; asked: string[] }> {
    const release = mkdtempSync(path.join(os.tmpdir(), 'release-'));
    await writeFakeSite(release, 'r', live);
    cms.articleQueries.length = 0;
    const error = await checkRelease(release, { strapiUrl: cms.url, strapiToken: cms.token }, Promise.resolve(), published).then(
      () => null,
      (e: Error) => e.message,
    );
    return { error, asked: [...new Set(cms.articleQueries.map(kind))].sort() };
  }

  beforeEach(async () => {
    cms = await fakeCms([...slugs]);
    published = new PublishedSlugs();
  });
  afterEach(async () => cms.close());

  it.each([
    ['nothing changed', () => {}, [...slugs], { error: null, asked: ['changes', 'count'] }],
    ['an article was published', () => (cms.slugs.push('tin-moi'), (cms.changedAt['tin-moi'] = '2026-11-28T09:00:00.000Z')), [...slugs, 'tin-moi'], { error: null, asked: ['changes', 'count'] }],
    ['an article was unpublished', () => cms.slugs.pop(), slugs.slice(0, -1), { error: null, asked: ['changes', 'count', 'whole'] }],
    [
      'one was unpublished and one published (the count is the same)',
      () => (cms.slugs.splice(0, 1, 'tin-moi'), (cms.changedAt['tin-moi'] = '2026-11-28T09:00:00.000Z')),
      ['tin-moi', ...slugs.slice(1)],
      { error: null, asked: ['changes', 'count', 'whole'] },
    ],
    ["a published article's page is missing", () => {}, slugs.slice(1), { error: 'release check failed: 1 missing (tin-tuc/tin-0/index.html)', asked: ['changes', 'count', 'whole'] }],
  ])('after the first whole list, %s', async (_case, change, live, expected) => {
    expect(await check(slugs)).toEqual({ error: null, asked: ['whole'] });
    change();
    expect(await check(live)).toEqual(expected);
  });
});
