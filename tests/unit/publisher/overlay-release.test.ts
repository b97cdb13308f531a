import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkTree } from '../../../scripts/publisher/incremental/link-tree.js';
import { overlayRelease } from '../../../scripts/publisher/incremental/overlay-release.js';
import { precompress } from '../../../scripts/publisher/precompress.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'release-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

const page = (words: string) => `<!doctype html><title>${words}</title>${'<p>nội dung trang</p>'.repeat(100)}`;

describe('an incremental release on a hard-linked copy', () => {
  it('replaces changed pages, removes vanished ones and leaves the live release untouched', async () => {
    const live = tree({
      'index.html': page('home'),
      'tin-tuc/a/index.html': page('a'),
      'tin-tuc/b/index.html': page('b'),
      'chuyen-muc/x/trang/2/index.html': page('x2'),
    });
    await precompress(live);
    const liveBytes = readFileSync(path.join(live, 'tin-tuc/a/index.html.gz'));

    const next = path.join(mkdtempSync(path.join(os.tmpdir(), 'staging-')), 'r2');
    const partial = tree({ 'index.html': page('home 2'), 'tin-tuc/a/index.html': page('a 2'), 'tin-tuc/c/index.html': page('c') });
    expect(await linkTree(live, next)).toBe(12);
    const written = await overlayRelease(partial, next, ['/tin-tuc/b/', '/chuyen-muc/x/trang/2/']);
    expect(written.sort()).toEqual(['index.html', 'tin-tuc/a/index.html', 'tin-tuc/c/index.html']);
    expect(existsSync(path.join(next, 'tin-tuc/a/index.html.gz'))).toBe(false);
    expect(existsSync(path.join(next, 'tin-tuc/b'))).toBe(false);
    expect(existsSync(path.join(next, 'chuyen-muc'))).toBe(false);

    await precompress(next, live);
    expect(readFileSync(path.join(next, 'tin-tuc/a/index.html'), 'utf8')).toBe(page('a 2'));
    expect(existsSync(path.join(next, 'tin-tuc/a/index.html.br'))).toBe(true);
    // The live release still serves what it served: nothing was written through a link.
    expect(readFileSync(path.join(live, 'tin-tuc/a/index.html'), 'utf8')).toBe(page('a'));
    expect(readFileSync(path.join(live, 'tin-tuc/a/index.html.gz')).equals(liveBytes)).toBe(true);
    expect(readFileSync(path.join(live, 'tin-tuc/b/index.html'), 'utf8')).toBe(page('b'));
    expect(readFileSync(path.join(live, 'index.html.br')).length).toBeGreaterThan(0);
  });

  it('links pages in while the build still writes, then moves in only what came after them', async () => {
    const live = tree({ 'index.html': page('home'), 'sitemap-0.xml': '<urlset/>' });
    const next = path.join(mkdtempSync(path.join(os.tmpdir(), 'staging-')), 'r2');
    await linkTree(live, next);
    const partial = tree({ 'index.html': page('home 2'), 'tin-tuc/a/index.html': page('a') });
    const pages = await overlayRelease(partial, next, [], 'link');
    expect(pages.sort()).toEqual(['index.html', 'tin-tuc/a/index.html']);
    writeFileSync(path.join(partial, 'sitemap-0.xml'), '<urlset><url/></urlset>');
    expect(await overlayRelease(partial, next, [], 'move', new Set(pages))).toEqual(['sitemap-0.xml']);
    expect(readFileSync(path.join(next, 'sitemap-0.xml'), 'utf8')).toBe('<urlset><url/></urlset>');
    expect(readFileSync(path.join(next, 'index.html'), 'utf8')).toBe(page('home 2'));
    expect(readFileSync(path.join(live, 'sitemap-0.xml'), 'utf8')).toBe('<urlset/>');
  });

  it('refuses a page path that leaves the release', async () => {
    const next = tree({ 'index.html': page('home') });
    await expect(overlayRelease(tree({}), next, ['/../../etc/'])).rejects.toThrow('outside the release');
  });
});
