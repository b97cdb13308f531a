import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkWarnings, portalLinkPaths } from '../../../cms/src/admin/content-warnings.js';
import { classifyLink } from '../../../scripts/publisher/link-check/check-links.js';
import { markdownLinks } from '../../../scripts/publisher/link-check/extract-links.js';
import { REASONS, ReleasePaths } from '../../../scripts/publisher/link-check/release-paths.js';

describe('the links of a Markdown body (marked lexer)', () => {
  it.each([
    ['an inline link', 'Xem [thông báo](/thong-bao/lich-tiep-dan/).', ['/thong-bao/lich-tiep-dan/']],
    ['an image', '![Ảnh hội nghị](https://cdn.example.vn/a.jpg "Hội nghị")', ['https://cdn.example.vn/a.jpg']],
    ['an autolink', 'Cổng: <https://dichvucong.gov.vn/>', ['https://dichvucong.gov.vn/']],
    ['a bare URL (GFM)', 'Truy cập https://chinhphu.vn để xem.', ['https://chinhphu.vn']],
    ['a reference link', 'Theo [Nghị định][nd].\n\n[nd]: https://vanban.chinhphu.vn/nd-42', ['https://vanban.chinhphu.vn/nd-42']],
    ['links in a list and a quote', '- [Một](/a/)\n- [Hai](/b/)\n\n> [Ba](/c/)', ['/a/', '/b/', '/c/']],
    ['a link in a table cell', '| Văn bản |\n| --- |\n| [QĐ 12](/van-ban/qd-12/) |', ['/van-ban/qd-12/']],
    ['raw HTML anchors and images', '<p><a href="/tin-tuc/x/">x</a> <img src=\'/uploads/y.png\'></p>', ['/tin-tuc/x/', '/uploads/y.png']],
    ['the same URL twice, once', '[a](/x/) và [b](/x/)', ['/x/']],
    ['no link inside code', '`[không](/khong/)` và\n\n    [cũng không](/khong-2/)', []],
    ['an empty body', '', []],
  ])('%s', (_, body, urls) => {
    expect(markdownLinks(body).map((link) => link.url)).toEqual(urls);
  });

  it('keeps the link text, in NFC', () => {
    const decomposed = '[Thông báo](/thong-bao/)'.normalize('NFD');
    expect(markdownLinks(decomposed)).toEqual([{ url: '/thong-bao/', text: 'Thông báo' }]);
  });
});

describe('what kind of link it is', () => {
  const options = {
    siteUrl: 'https://phuong.gov.vn',
    mediaOrigins: ['http://127.0.0.1:1337', 'https://cms.phuong.gov.vn'],
    cms: { strapiUrl: 'http://127.0.0.1:1337', strapiToken: 't' },
  };
  it.each([
    ['/tin-tuc/a/', { kind: 'internal', path: '/tin-tuc/a/' }],
    ['https://phuong.gov.vn/lien-he/?x=1#y', { kind: 'internal', path: '/lien-he/' }],
    ['../../thong-bao/', { kind: 'internal', path: '/thong-bao/' }],
    ['anh.png', { kind: 'internal', path: '/tin-tuc/bai/anh.png' }],
    ['/uploads/qd.pdf', { kind: 'internal', path: '/uploads/qd.pdf' }],
    ['https://cms.phuong.gov.vn/uploads/qd.pdf', { kind: 'media', url: 'https://cms.phuong.gov.vn/uploads/qd.pdf' }],
    ['https://cms.phuong.gov.vn/admin', { kind: 'external', url: 'https://cms.phuong.gov.vn/admin' }],
    ['http://127.0.0.1:1337/admin', { kind: 'external', url: 'http://127.0.0.1:1337/admin' }],
    ['https://chinhphu.vn/a#muc', { kind: 'external', url: 'https://chinhphu.vn/a' }],
    ['//chinhphu.vn/a', { kind: 'external', url: 'https://chinhphu.vn/a' }],
    ['mailto:ubnd@phuong.gov.vn', { kind: 'skip' }],
    ['tel:0241234567', { kind: 'skip' }],
    ['#muc-1', { kind: 'skip' }],
    ['javascript:alert(1)', { kind: 'skip' }],
    ['http://[bad', { kind: 'invalid' }],
  ])('%s', (link, kind) => {
    expect(classifyLink(link, '/tin-tuc/bai/', options)).toEqual(kind);
  });

  it.each([
    ['/uploads/qd.pdf', { kind: 'media', url: 'http://127.0.0.1:1337/uploads/qd.pdf' }],
    ['https://cms.phuong.gov.vn/uploads/qd.pdf', { kind: 'media', url: 'https://cms.phuong.gov.vn/uploads/qd.pdf' }],
  ])('an attachment %s is asked of the CMS', (link, kind) => {
    expect(classifyLink(link, '/van-ban/qd/', options, true)).toEqual(kind);
  });
});

describe('an internal link against a release', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'link-release-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'tin-tuc/bai-moi'), { recursive: true });
  writeFileSync(path.join(dir, 'tin-tuc/bai-moi/index.html'), '');
  mkdirSync(path.join(dir, 'du-lieu-mo'), { recursive: true });
  writeFileSync(path.join(dir, 'du-lieu-mo/nhiem-vu.csv'), '');
  mkdirSync(path.join(dir, 'tin-tuc/t\u1eadp'), { recursive: true });
  writeFileSync(path.join(dir, 'tin-tuc/t\u1eadp/index.html'), '');
  writeFileSync(
    path.join(dir, 'redirects.json'),
    JSON.stringify({
      version: 1,
      rules: [
        { from: '/tin-tuc/bai-cu/', to: '/tin-tuc/bai-moi/', code: 301, page: null },
        { from: '/tin-tuc/lac/', to: '/tin-tuc/khong-co/', code: 301, page: null },
        { from: '/tin-tuc/ngoai/', to: 'https://chinhphu.vn/', code: 302, page: null },
        { from: '/tin-tuc/da-go/', to: null, code: 410, page: '_withdrawn/abc123/index.html' },
      ],
    }),
  );
  let release: ReleasePaths;
  beforeAll(async () => {
    release = await ReleasePaths.open(dir);
  });
  it.each([
    ['/tin-tuc/bai-moi/', null],
    ['/tin-tuc/bai-moi', null],
    ['/du-lieu-mo/nhiem-vu.csv', null],
    [`/tin-tuc/${encodeURIComponent('t\u1eadp')}/`, null],
    ['/tin-tuc/bai-cu/', null],
    ['/tin-tuc/bai-cu', null],
    ['/tin-tuc/ngoai/', null],
    ['/tin-tuc/khong-co/', REASONS.missing],
    ['/tin-tuc/da-go/', REASONS.withdrawn],
    ['/tin-tuc/lac/', REASONS.redirectMissing],
    ['/tin-tuc/../../etc/passwd', REASONS.unreadable],
    ['/%E0%A4%A', REASONS.unreadable],
  ])('%s', (urlPath, verdict) => {
    expect(release.check(urlPath)).toBe(verdict);
  });

  it('has no rules when the release carries no redirects.json', async () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'link-release-'));
    try {
      expect((await ReleasePaths.open(bare)).check('/tin-tuc/bai-cu/')).toBe(REASONS.missing);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('the editor panel: portal links of a body and their warnings', () => {
  it.each([
    ['markdown links', '[a](/tin-tuc/a/) ![b](/uploads/b.png "t") [c](https://chinhphu.vn/)', ['/tin-tuc/a/', '/uploads/b.png']],
    ['query and fragment dropped, each once', '[a](/tin-tuc/a/?x=1) [b](/tin-tuc/a/#m)', ['/tin-tuc/a/']],
    ['protocol-relative links left out', '[a](//evil.example/x)', []],
    ['raw HTML', '<a href="/thong-bao/x/">x</a>', ['/thong-bao/x/']],
    ['nothing', null, []],
  ])('%s', (_, body, paths) => {
    expect(portalLinkPaths(body)).toEqual(paths);
  });

  it('stops at 50 paths', () => {
    const body = Array.from({ length: 80 }, (_, i) => `[${i}](/tin-tuc/${i}/)`).join(' ');
    expect(portalLinkPaths(body)).toHaveLength(50);
  });

  it('warns for a draft-only or missing page, not for a published or redirected one', () => {
    const warnings = linkWarnings([
      { path: '/tin-tuc/a/', status: 'published' },
      { path: '/tin-tuc/b/', status: 'draft-only' },
      { path: '/tin-tuc/c/', status: 'missing' },
      { path: '/tin-tuc/d/', status: 'redirected' },
      { path: '/lien-he/', status: 'unknown' },
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('/tin-tuc/b/');
    expect(warnings[0]).toContain('chưa xuất bản');
    expect(warnings[1]).toContain('/tin-tuc/c/');
  });
});
