import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Files of a small but complete fake site; every one names the release it belongs to. */
export function fakeSiteFiles(release: string, slugs: string[]): Record<string, string> {
  // Sizes differ from release to release, as real rebuilds do.
  const lines = 200 + ([...release].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 97);
  const layout =
    '<link rel="stylesheet" href="/_astro/index.Cq9fG7hk.css"><link rel="icon" href="/favicon.svg"><link rel="alternate" href="/rss.xml"><script type="module" src="/_astro/app.Bx12abCd.js"></script>';
  const page = (title: string) =>
    `<!doctype html><html lang="vi"><head><title>${title}</title>${layout}</head><body>\n${`<p>release=${release}</p>\n`.repeat(lines)}</body></html>\n`;
  const files: Record<string, string> = {
    'index.html': page('Trang chủ'),
    '404.html': page('Không tìm thấy'),
    'sitemap-index.xml': `<?xml version="1.0"?><sitemapindex><!-- release=${release} --></sitemapindex>\n`,
    'rss.xml': `<?xml version="1.0"?><rss><!-- ${`release=${release} `.repeat(80)} --></rss>\n`,
    'robots.txt': `User-agent: *\n# release=${release}\n`,
    'favicon.svg': `<svg xmlns="http://www.w3.org/2000/svg"><!-- release=${release} --></svg>\n`,
    'tin-tuc/index.html': page('Tin tức'),
    '_astro/app.Bx12abCd.js': `/* release=${release} */\n${'console.log("xin chào");\n'.repeat(80)}`,
    '_astro/index.Cq9fG7hk.css': `/* release=${release} */\n${'body{margin:0}\n'.repeat(120)}`,
    '_astro/anh.D1e2F3g4.webp': `RIFF release=${release}`,
    'anh/logo.png': `PNG release=${release}`,
    'anh/anh.jpg': `JPG release=${release}`,
    'anh/anh.avif': `AVIF release=${release}`,
    'fonts/be-vietnam.woff2': `wOF2 release=${release}`,
    'favicon.ico': `ICO release=${release}`,
    'pagefind/pagefind.js': `/* release=${release} */\n${'export const x = 1;\n'.repeat(80)}`,
    'pagefind/pagefind-entry.json': JSON.stringify({ note: `release=${release}`, languages: { vi: { hash: 'vi_1' } }, pad: 'x'.repeat(1200) }),
    'pagefind/pagefind.vi_78aa.pf_meta': `meta release=${release}`,
    'pagefind/index/vi_2f36.pf_index': `index release=${release}`,
    'pagefind/fragment/vi_1113.pf_fragment': `fragment release=${release}`,
    'pagefind/wasm.unknown.pagefind': `wasm release=${release}`,
    'pagefind/pagefind.wasm': `wasm release=${release}`,
  };
  for (const slug of slugs) files[`tin-tuc/${slug}/index.html`] = page(slug);
  return files;
}

export async function writeFakeSite(dir: string, release: string, slugs: string[], omit: string[] = []): Promise<void> {
  for (const [name, content] of Object.entries(fakeSiteFiles(release, slugs))) {
    if (omit.includes(name)) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

/** Every release id a body mentions; a body from one release mentions exactly one. */
export const releasesIn = (body: string) => new Set([...body.matchAll(/release=([0-9TZ-a-z]+)/g)].map((m) => m[1]));
