import { existsSync } from 'node:fs';
import { readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { WITHDRAWN_ROOT } from '../src/lib/content-model.js';
import { mappedPaths } from '../src/lib/page-inputs.js';
import { CDN_REDIRECTS_FILE, cdnRedirects, REDIRECTS_FILE, releaseSource, type RedirectsFile } from '../src/lib/redirect-rules.js';

/** The pages of this build as the rules spell a path (`/tin-tuc/a/`), the withdrawn ones aside. */
function livePages(rendered: readonly string[], env: NodeJS.ProcessEnv): Set<string> {
  // An incremental build renders few pages; its page map lists every page of the release it makes.
  const pages = [...rendered.map((page) => `/${page}`), ...mappedPaths(env.SITE_PAGE_INPUTS_OUT)];
  const live = new Set<string>();
  for (const page of pages) {
    const checked = releaseSource(page.endsWith('/') ? page : `${page}/`);
    if (checked.ok) live.add(checked.value);
  }
  return live;
}

/**
 * Ends every build (incremental ones too) with the release's redirect files: the rules the
 * build rendered (src/pages/redirects.json.ts) less those whose old address is a page of
 * this build — the page wins, with a warning, and its withdrawn page goes — and `_redirects`
 * made from them.
 */
export function redirectFiles(env: NodeJS.ProcessEnv = process.env): AstroIntegration {
  return {
    name: 'portal-redirect-files',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        const root = fileURLToPath(dir);
        const file = path.join(root, REDIRECTS_FILE);
        if (!existsSync(file)) return;
        const made = JSON.parse(await readFile(file, 'utf8')) as RedirectsFile;
        const live = livePages(
          pages.map((page) => page.pathname),
          env,
        );
        const kept: RedirectsFile = { version: 1, rules: [] };
        for (const rule of made.rules) {
          if (!live.has(rule.from)) {
            kept.rules.push(rule);
            continue;
          }
          logger.warn(`redirect ${rule.from} dropped: it is a page of this build`);
          if (rule.page?.startsWith(WITHDRAWN_ROOT.slice(1))) {
            const page = path.join(root, rule.page);
            await rm(page, { force: true });
            await rmdir(path.dirname(page)).catch(() => {});
          }
        }
        if (kept.rules.length !== made.rules.length) await writeFile(file, JSON.stringify(kept));
        await writeFile(path.join(root, CDN_REDIRECTS_FILE), cdnRedirects(kept));
        logger.info(`${kept.rules.length} redirects (${REDIRECTS_FILE}, ${CDN_REDIRECTS_FILE})`);
      },
    },
  };
}
