import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompress, upgradeVariants } from '../../../scripts/publisher/precompress.js';
import { seededRandom } from '../../../scripts/corpus/random.js';

const text = (kb: number, word = 'Hai Bà Trưng ') => word.repeat(Math.ceil((kb * 1024) / Buffer.byteLength(word)));

function site(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('precompress', () => {
  it.each([
    ['index.html', 4, true],
    ['_astro/a.css', 4, true],
    ['_astro/a.js', 4, true],
    ['sitemap-0.xml', 4, true],
    ['pagefind/pagefind-entry.json', 4, true],
    ['favicon.svg', 4, true],
    ['robots.txt', 4, true],
    ['sitemap-big.xml', 600, true],
    ['small.html', 0.5, false],
    ['anh/logo.png', 4, false],
    ['pagefind/index/vi.pf_index', 4, false],
  ])('%s (%s KB) → variants: %s', async (name, kb, expected) => {
    const content = text(kb);
    const dir = site({ [name]: content });
    await precompress(dir);
    expect(existsSync(path.join(dir, `${name}.br`))).toBe(expected);
    expect(existsSync(path.join(dir, `${name}.gz`))).toBe(expected);
    if (expected) {
      expect(brotliDecompressSync(readFileSync(path.join(dir, `${name}.br`))).toString()).toBe(content);
      expect(gunzipSync(readFileSync(path.join(dir, `${name}.gz`))).toString()).toBe(content);
    }
  });

  it('skips a variant that is not smaller than the original', async () => {
    const dir = site({ 'noise.txt': randomBytes(4096) });
    expect(await precompress(dir)).toBe(0);
    expect(existsSync(path.join(dir, 'noise.txt.br'))).toBe(false);
    expect(existsSync(path.join(dir, 'noise.txt.gz'))).toBe(false);
  });

  it('takes the variants of unchanged files from the live release, and compresses changed ones', async () => {
    const same = text(4, 'không đổi ');
    const previous = site({ 'same.html': same, 'changed.html': text(4, 'bản cũ ') });
    // Marked variants: a copy is recognisable, a recompression is not.
    writeFileSync(path.join(previous, 'same.html.br'), 'reused-br');
    writeFileSync(path.join(previous, 'same.html.gz'), 'reused-gz');
    writeFileSync(path.join(previous, 'changed.html.br'), 'stale');
    const next = site({ 'same.html': same, 'changed.html': text(4, 'bản mới ') });
    expect(await precompress(next, previous)).toBe(4);
    expect(readFileSync(path.join(next, 'same.html.br'), 'utf8')).toBe('reused-br');
    expect(readFileSync(path.join(next, 'same.html.gz'), 'utf8')).toBe('reused-gz');
    expect(brotliDecompressSync(readFileSync(path.join(next, 'changed.html.br'))).toString()).toBe(text(4, 'bản mới '));
  });

  it('with a list of the files a build wrote, looks at those alone', async () => {
    const dir = site({ 'tin-tuc/moi/index.html': text(4, 'tin mới '), 'tin-tuc/cu/index.html': text(4, 'tin cũ '), 'pagefind/2026-q4/fragment/a.pf_fragment': text(4) });
    expect(await precompress(dir, undefined, ['tin-tuc/moi/index.html', 'pagefind/2026-q4/fragment/a.pf_fragment'])).toBe(2);
    expect(existsSync(path.join(dir, 'tin-tuc/moi/index.html.br'))).toBe(true);
    expect(existsSync(path.join(dir, 'tin-tuc/cu/index.html.br'))).toBe(false);
  });

  /** A page of varied words, where brotli's levels differ as they do on real pages. */
  const page = (seed: number) => {
    const r = seededRandom(seed);
    const words = ['phường', 'Hai', 'Bà', 'Trưng', 'hội', 'nghị', 'tổng', 'kết', 'nhiệm', 'vụ', 'năm', '2026', 'đồng', 'chí', 'chủ', 'trì', '<p>', '</p>', '<a href="/tin-tuc/">'];
    return Array.from({ length: 4000 }, () => r.pick(words) + (r.int(0, 9) === 0 ? String(r.int(0, 99_999)) : '')).join(' ');
  };

  it('compresses a mass rewrite fast, then upgrades each variant in place by a rename, leaving other links to the old one alone', async () => {
    const content = page(3);
    const dir = site({ 'tin-tuc/a/index.html': content });
    expect(await precompress(dir, undefined, ['tin-tuc/a/index.html'], 'fast')).toBe(2);
    const br = path.join(dir, 'tin-tuc/a/index.html.br');
    const fastBytes = statSync(br).size;
    // An older release linked to the same variant: it must not change under it.
    const elsewhere = path.join(site({}), 'old.br');
    linkSync(br, elsewhere);
    expect(await upgradeVariants(dir, ['tin-tuc/a/index.html', 'tin-tuc/gone/index.html'], new AbortController().signal)).toEqual([]);
    expect(statSync(br).size).toBeLessThan(fastBytes);
    expect(brotliDecompressSync(readFileSync(br)).toString()).toBe(content);
    expect(gunzipSync(readFileSync(path.join(dir, 'tin-tuc/a/index.html.gz'))).toString()).toBe(content);
    expect(statSync(elsewhere).size).toBe(fastBytes);
    expect(brotliDecompressSync(readFileSync(elsewhere)).toString()).toBe(content);
    expect(existsSync(`${br}.upgrade`)).toBe(false);
  });

  it('stops upgrading once aborted, and says which files are left', async () => {
    const dir = site({ 'a.html': page(4), 'b.html': page(5) });
    await precompress(dir, undefined, undefined, 'fast');
    const before = statSync(path.join(dir, 'a.html.br')).size;
    const stop = new AbortController();
    stop.abort();
    expect(await upgradeVariants(dir, ['a.html', 'b.html'], stop.signal)).toEqual(['a.html', 'b.html']);
    expect(statSync(path.join(dir, 'a.html.br')).size).toBe(before);
  });
});
