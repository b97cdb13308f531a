import { stat } from 'node:fs/promises';
import path from 'node:path';
import { publishedArticleSlugs, type CmsOptions } from './cms-articles.js';

/** Pages every release must have, whatever the content. */
const requiredFiles = ['index.html', '404.html', 'sitemap-index.xml', 'rss.xml'];

const isFile = (file: string) =>
  stat(file).then(
    (stats) => stats.isFile(),
    () => false,
  );

/**
 * Refuses a release that would break the public site: a missing home, 404 page, sitemap
 * or feed, or a published article (as the CMS lists it while the release is built) without
 * its page. The list is asked for at once; the release is looked at when `built` resolves.
 */
export async function checkRelease(releaseDir: string, options: CmsOptions, built: Promise<void> = Promise.resolve()): Promise<void> {
  const [slugs] = await Promise.all([publishedArticleSlugs(options), built]);
  const unsafe = slugs.filter((slug) => slug.includes('/') || slug.includes('\\') || slug === '.' || slug === '..');
  if (unsafe.length > 0) throw new Error(`the CMS lists article slugs that cannot be pages: ${unsafe.join(', ')}`);
  const expected = [...requiredFiles, ...slugs.map((slug) => path.posix.join('tin-tuc', slug, 'index.html'))];
  const present = await Promise.all(expected.map((file) => isFile(path.join(releaseDir, file))));
  const missing = expected.filter((_, index) => !present[index]);
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    throw new Error(`release check failed: ${missing.length} missing (${shown}${missing.length > 5 ? ', …' : ''})`);
  }
}
