import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { portalWording, vietnamese } from '../../cms/src/admin/translations/vi.js';
import { repoRoot } from '../../scripts/lib/paths.js';

const strapi = (file: string) => path.join(repoRoot, 'node_modules', '@strapi', file);
const translations = async (file: string): Promise<Record<string, string>> =>
  ((await import(pathToFileURL(strapi(file)).href)) as { default: Record<string, string> }).default;

/** The message ids a compiled admin component asks for, plugin ids prefixed as its getTranslation does. */
function messageIds(file: string, plugin: string): string[] {
  const source = readFileSync(strapi(file), 'utf8');
  const plain = [...source.matchAll(/\bid: '([^']+)'/g)].map((m) => m[1]!);
  const prefixed = [...source.matchAll(/\bid: getTranslation\('([^']+)'\)/g)].map((m) => `${plugin}.${m[1]}`);
  return [...plain, ...prefixed];
}

/**
 * The admin in Vietnamese: what app.tsx gives Strapi (vi.ts) over Strapi's own partial vi, for
 * the content manager's side menu, whose search box said "Search".
 */
describe('the content manager\'s side menu speaks Vietnamese', async () => {
  const own = { ...(await translations('admin/dist/admin/admin/src/translations/vi.json.mjs')) };
  const contentManager = await translations('content-manager/dist/admin/translations/vi.json.mjs');
  for (const [id, text] of Object.entries(contentManager)) own[`content-manager.${id}`] = text;
  const merged = { ...own, ...vietnamese, ...portalWording };
  // collectionTypes/singleTypes are React keys, not messages.
  const ids = messageIds('content-manager/dist/admin/components/LeftMenu.mjs', 'content-manager').filter((id) => !['collectionTypes', 'singleTypes'].includes(id));

  it('asks for the search box\'s placeholder by the id vi.ts translates', () => {
    expect(ids).toContain('search.placeholder');
    expect(vietnamese['search.placeholder']).toBe('Tìm kiếm');
  });

  it.each(ids)('translates %s', (id) => {
    expect(merged[id], id).toMatch(/\S/);
  });
});
