/**
 * A module hook for the site renderer's process (render-process.ts). Astro's static build
 * renders every page with a server bundle, then deletes the bundle (and, for an outDir
 * outside site/, copies what it staged in site/.astro/ over and removes the staging). The
 * renderer keeps the bundle and the build's state, to render changed pages again after a
 * content change without bundling again, and copies the staged site itself. Astro has no API for that, so this hook edits one statement of
 * its (pinned) static-build.js to hand them over. Should the text move in another Astro
 * version, nothing is edited: the build runs as before and the renderer says it kept nothing.
 */
import type { LoadHook } from 'node:module';

export const ASTRO_BUILD_HOOK = 'portal.astro-build';

const STATIC_BUILD = /\/astro\/dist\/core\/build\/static-build\.js$/;
const GENERATE_THEN_CLEAN = 'await generatePages(opts, internals);\n    await cleanServerOutput(opts, ssrOutputChunkNames, internals);';
const KEEP = [
  `const keep = globalThis[Symbol.for(${JSON.stringify(ASTRO_BUILD_HOOK)})];`,
  'keep?.(opts, internals, ssrOutputChunkNames);',
  'await generatePages(opts, internals);',
  'if (!keep) await cleanServerOutput(opts, ssrOutputChunkNames, internals);',
].join('\n    ');

export const load: LoadHook = async (url, context, nextLoad) => {
  const result = await nextLoad(url, context);
  if (!STATIC_BUILD.test(url) || result.source === undefined) return result;
  return { ...result, source: String(result.source).replace(GENERATE_THEN_CLEAN, KEEP) };
};
