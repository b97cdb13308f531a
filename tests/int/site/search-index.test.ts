import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkTree } from '../../../scripts/publisher/incremental/link-tree.js';
import { buildSearchIndex } from '../../../site/search/build-search-index.js';
import { KeptShards } from '../../../site/search/kept-shards.js';
import { searchChanged } from '../../../site/search/search-shards.js';

/** An article page as the site prints it: the posting time in the head, the body searchable. */
const article = (title: string, posted: string, words = 'hội nghị tổng kết công tác') =>
  `<!doctype html><html lang="vi"><head><meta property="article:published_time" content="${posted}"><title>${title}</title></head>` +
  `<body><nav>Trang chủ</nav><article data-pagefind-body><h1>${title}</h1><p>${words} ${title}</p></article></body></html>`;
const listing = '<!doctype html><html lang="vi"><body><main><h1>Tin tức</h1></main></body></html>';

function site(pages: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'search-site-'));
  for (const [url, html] of Object.entries(pages)) write(root, url, html);
  return root;
}
function write(root: string, url: string, html: string) {
  const file = path.join(root, url, 'index.html');
  mkdirSync(path.dirname(file), { recursive: true });
  rmSync(file, { force: true });
  writeFileSync(file, html);
}
/** Every file under dir: relative path → bytes, and → inode. */
function files(dir: string, prefix = ''): Map<string, { bytes: string; ino: number }> {
  const out = new Map<string, { bytes: string; ino: number }>();
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) for (const [k, v] of files(dir, relative)) out.set(k, v);
    else out.set(relative, { bytes: readFileSync(path.join(dir, relative)).toString('base64'), ino: statSync(path.join(dir, relative)).ino });
  }
  return out;
}
const bundle = (root: string) => files(path.join(root, 'pagefind'));

const start = {
  '/': listing,
  '/tin-tuc/': listing,
  '/tin-tuc/a/': article('Bài A', '2020-03-01T08:00:00+07:00'),
  // The last minute of a quarter, and the first of one, in Vietnam time (UTC is a quarter off).
  '/tin-tuc/b/': article('Bài B', '2020-03-31T23:59:00+07:00'),
  '/tin-tuc/c/': article('Bài C', '2021-01-01T00:10:00+07:00'),
  '/tin-tuc/d/': article('Bài D', '2022-06-15T08:00:00+07:00'),
};

/** A page as BaseLayout prints it: the chrome (title, header, slogan, footer) around <main>. */
const chromed = (chrome: string, url: string, posted: string) =>
  `<!doctype html><html lang="vi"><head><meta property="article:published_time" content="${posted}"><title>${url} | ${chrome}</title>` +
  `<meta name="description" content="${chrome}"><meta property="og:site_name" content="${chrome}"></head><body><header><a href="/">${chrome}</a>` +
  `<nav><a href="/tin-tuc/" aria-current="page">Tin tức</a></nav></header><section class="slogan">Khẩu hiệu ${chrome}</section>` +
  `<main id="main"><article data-pagefind-body><h1>Bài ${url}</h1><p>Hội nghị tổng kết của phường, bài ${url}.</p></article></main><footer>${chrome}</footer></body></html>`;

describe('the search index: the newest year a shard per quarter, earlier years a shard a year', () => {
  it('reads a page\'s searchable body and language only: a renamed unit in the title, header, slogan, footer and meta leaves every file as it was', async () => {
    const pages = (chrome: string) => Object.fromEntries(['a', 'b', 'c'].map((url, i) => [`/tin-tuc/${url}/`, chromed(chrome, url, `202${i}-05-01T08:00:00+07:00`)]));
    const [before, after] = [site(pages('Cổng thông tin phường Hai Bà Trưng')), site(pages('Trang thông tin điện tử phường Bạch Mai'))];
    await buildSearchIndex(before);
    await buildSearchIndex(after);
    const [a, b] = [bundle(before), bundle(after)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((name) => a.get(name)!.bytes !== b.get(name)!.bytes)).toEqual([]);
    // And so the publisher need not give Pagefind a page whose <main> is unchanged.
    expect(searchChanged(chromed('A', 'a', '2020-05-01T08:00'), chromed('B', 'a', '2020-05-01T08:00'))).toBe(false);
  });

  it('indexes every article page into the shard of its posting quarter or year, newest first', async () => {
    const root = site(start);
    const { quarters, written } = await buildSearchIndex(root);
    expect(quarters).toEqual({ '/tin-tuc/a/': '2020-q1', '/tin-tuc/b/': '2020-q1', '/tin-tuc/c/': '2021-q1', '/tin-tuc/d/': '2022-q2' });
    expect(written).toEqual(['2022-q2', '2021', '2020']);
    expect(JSON.parse(readFileSync(path.join(root, 'pagefind/shards.json'), 'utf8'))).toEqual(['2022-q2', '2021', '2020']);
    const names = [...bundle(root).keys()];
    expect(names).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-ui.js', 'pagefind-ui.css', '2020/pagefind-entry.json', '2022-q2/pagefind-entry.json']));
    expect(names.filter((name) => name.startsWith('2020/') && name.endsWith('.js'))).toEqual([]);
    const entry = JSON.parse(readFileSync(path.join(root, 'pagefind/2020/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(entry.languages.vi?.page_count).toBe(2);
  });

  it('after edits, rewrites only the shards they touch, into a linked copy without changing the original, and ends byte-identical to a full index', async () => {
    const live = site(start);
    const first = await buildSearchIndex(live);
    const liveBefore = bundle(live);

    const next = path.join(mkdtempSync(path.join(os.tmpdir(), 'search-next-')), 'r2');
    await linkTree(live, next);
    write(next, '/tin-tuc/b/', article('Bài B', '2021-01-02T08:00:00+07:00')); // moved from 2020 to 2021
    write(next, '/tin-tuc/e/', article('Bài E mới', '2021-05-05T08:00:00+07:00'));
    rmSync(path.join(next, 'tin-tuc/a'), { recursive: true }); // 2020 is now empty
    write(next, '/tin-tuc/', `${listing}<!-- trang 2 -->`);
    const pages = ['/tin-tuc/b/', '/tin-tuc/e/', '/tin-tuc/a/', '/tin-tuc/'];
    const partial = await buildSearchIndex(next, { previous: first.quarters, pages });

    expect(partial.written).toEqual(['2020', '2021']);
    // 2021 now holds b, c and e; only the pages that changed get a fragment written, c keeps its own.
    expect(partial.files.filter((file) => file.includes('/fragment/'))).toHaveLength(2);
    expect(partial.quarters).toEqual({ '/tin-tuc/b/': '2021-q1', '/tin-tuc/c/': '2021-q1', '/tin-tuc/d/': '2022-q2', '/tin-tuc/e/': '2021-q2' });
    expect(bundle(live)).toEqual(liveBefore);
    const after = bundle(next);
    const untouched = [...after].filter(([name]) => name.startsWith('2022-q2/') || (!name.includes('/') && name !== 'shards.json'));
    expect(untouched.length).toBeGreaterThan(5);
    for (const [name, file] of untouched) expect(`${name} ${file.ino}`).toBe(`${name} ${liveBefore.get(name)?.ino}`);
    expect([...after.keys()].some((name) => name.startsWith('2020/'))).toBe(false);

    const full = site({});
    rmSync(full, { recursive: true });
    await linkTree(next, full);
    rmSync(path.join(full, 'pagefind'), { recursive: true });
    await buildSearchIndex(full);
    const bytes = (map: Map<string, { bytes: string }>) => new Map([...map].map(([name, file]) => [name, file.bytes]));
    expect(bytes(after)).toEqual(bytes(bundle(full)));
  });

  const bytes = (root: string) => new Map([...bundle(root)].map(([name, file]) => [name, file.bytes]));
  /** The index a full build makes of the same pages. */
  async function fullIndexOf(root: string) {
    const full = path.join(mkdtempSync(path.join(os.tmpdir(), 'search-full-')), 'r');
    await linkTree(root, full);
    rmSync(path.join(full, 'pagefind'), { recursive: true });
    await buildSearchIndex(full);
    return full;
  }

  // Each case edits a linked copy of a live site whose indexes were kept from its own build.
  it.each([
    ['an edited article keeps its posting time', ['2021'], { '/tin-tuc/c/': article('Bài C sửa', '2021-01-01T00:10:00+07:00', 'nội dung mới') }, []],
    ['a new article is posted after the others', ['2021'], { '/tin-tuc/0-moi/': article('Bài mới', '2021-12-01T08:00:00+07:00') }, []],
    ['an edit and a new article together', ['2021'], { '/tin-tuc/c/': article('Bài C sửa', '2021-01-01T00:10:00+07:00'), '/tin-tuc/z/': article('Bài Z', '2021-12-01T08:00:00+07:00') }, []],
    ['an edit in a quarter of the newest year', ['2022-q2'], { '/tin-tuc/d/': article('Bài D sửa', '2022-06-15T08:00:00+07:00') }, []],
    ['a new article is dated before one already there', [], { '/tin-tuc/e/': article('Bài E', '2021-01-01T00:05:00+07:00') }, []],
    ['an edit moves the posting time', [], { '/tin-tuc/c/': article('Bài C', '2021-02-01T00:10:00+07:00') }, []],
    ['an article leaves the shard', [], { '/tin-tuc/c/': article('Bài C', '2022-02-01T00:10:00+07:00') }, []],
    ['an article is unpublished', [], {}, ['/tin-tuc/c/']],
    ['a new year begins: the year before becomes one shard', [], { '/tin-tuc/nam-moi/': article('Bài năm mới', '2023-01-02T08:00:00+07:00') }, []],
    ["the newest year's only article goes: the year before is split into quarters again", [], {}, ['/tin-tuc/d/']],
  ] as const)('a kept index: %s → the kept shards that take the change: %j; the index is byte-identical to a full one', async (_, reused, edits, removed) => {
    const kept = new KeptShards();
    try {
      const live = site({ ...start, '/tin-tuc/f/': article('Bài F', '2021-06-01T08:00:00+07:00') });
      const first = await buildSearchIndex(live, undefined, { kept: { shards: kept, release: 'r1' } });
      const next = path.join(mkdtempSync(path.join(os.tmpdir(), 'search-next-')), 'r2');
      await linkTree(live, next);
      for (const [url, html] of Object.entries(edits)) write(next, url, html);
      for (const url of removed) rmSync(path.join(next, url), { recursive: true });
      await kept.useFor('r1');
      const result = await buildSearchIndex(next, { previous: first.quarters, pages: [...Object.keys(edits), ...removed] }, { kept: { shards: kept, release: 'r2' } });
      expect(result.reused).toEqual(reused);
      expect(bytes(next)).toEqual(bytes(await fullIndexOf(next)));
    } finally {
      await kept.reset();
    }
  });

  it('keeps the indexes from release to release, and starts afresh on top of any other release', async () => {
    const kept = new KeptShards();
    try {
      const r1 = site(start);
      let quarters = (await buildSearchIndex(r1, undefined, { kept: { shards: kept, release: 'r1' } })).quarters;
      let [live, liveId] = [r1, 'r1'];
      for (const [i, release] of ['r2', 'r3', 'r4'].entries()) {
        const next = path.join(mkdtempSync(path.join(os.tmpdir(), 'search-next-')), release);
        await linkTree(live, next);
        write(next, '/tin-tuc/d/', article(`Bài D sửa ${i}`, '2022-06-15T08:00:00+07:00'));
        await kept.useFor(liveId);
        const result = await buildSearchIndex(next, { previous: quarters, pages: ['/tin-tuc/d/'] }, { kept: { shards: kept, release } });
        expect(result.reused).toEqual(['2022-q2']);
        expect(bytes(next)).toEqual(bytes(await fullIndexOf(next)));
        ({ quarters } = result);
        [live, liveId] = [next, release];
      }
      // A rollback to r1: what is kept indexes r4, so the edit is indexed afresh.
      const again = path.join(mkdtempSync(path.join(os.tmpdir(), 'search-next-')), 'r5');
      await linkTree(r1, again);
      write(again, '/tin-tuc/d/', article('Bài D sau khi quay lại', '2022-06-15T08:00:00+07:00'));
      await kept.useFor('r1');
      const result = await buildSearchIndex(again, { previous: quarters, pages: ['/tin-tuc/d/'] }, { kept: { shards: kept, release: 'r5' } });
      expect(result.reused).toEqual([]);
      expect(bytes(again)).toEqual(bytes(await fullIndexOf(again)));
    } finally {
      await kept.reset();
    }
  });

  it('names the page when a member of a shard is missing', async () => {
    const root = site(start);
    const first = await buildSearchIndex(root);
    rmSync(path.join(root, 'tin-tuc/c'), { recursive: true });
    await expect(buildSearchIndex(root, { previous: first.quarters, pages: ['/tin-tuc/d/'] })).resolves.toBeDefined();
    await expect(buildSearchIndex(root, { previous: { ...first.quarters, '/tin-tuc/x/': '2022-q2' }, pages: ['/tin-tuc/d/'] })).rejects.toThrow('page /tin-tuc/x/ is missing');
  });

  it('writes the search scripts and an empty shard list for a site with no articles', async () => {
    const root = site({ '/': listing });
    await buildSearchIndex(root);
    expect(JSON.parse(readFileSync(path.join(root, 'pagefind/shards.json'), 'utf8'))).toEqual([]);
    expect([...bundle(root).keys()]).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-ui.js']));
  });
});
