import type { APIRoute } from 'astro';
import { redirectRules } from '../lib/queries';
import type { RedirectsFile } from '../lib/redirect-rules';

/**
 * The release's redirects for its servers. Rendered by every build, incremental ones too;
 * the integration that ends the build (integrations/redirect-files.ts) then drops a rule
 * whose old address is a page of this build and writes `_redirects` from what is left.
 */
export const GET: APIRoute = async () => {
  const file: RedirectsFile = { version: 1, rules: (await redirectRules()).map(({ rule }) => rule) };
  return new Response(JSON.stringify(file), { headers: { 'Content-Type': 'application/json' } });
};
