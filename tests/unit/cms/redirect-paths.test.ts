import { describe, expect, it } from 'vitest';
import { redirectAllowedHosts } from '../../../cms/src/redirects/redirect-allowed-hosts.js';
import { parseRedirectTarget } from '../../../cms/src/redirects/redirect-target.js';
import { normalizeSitePath } from '../../../cms/src/redirects/site-path.js';
import { entryPath } from '../../../cms/src/content-model/urls.js';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';

describe('a site path in its one spelling', () => {
  it.each([
    ['/tin-tuc/a', '/tin-tuc/a/'],
    ['  /tin-tuc/a/  ', '/tin-tuc/a/'],
    ['/tin-tuc/Tin mới/', '/tin-tuc/Tin%20m%E1%BB%9Bi/'],
    ['/tin-tuc/Tin%20m%e1%bb%9bi', '/tin-tuc/Tin%20m%E1%BB%9Bi/'],
    ['/tin-tuc/Tin m\u01a1\u0301i', '/tin-tuc/Tin%20m%E1%BB%9Bi/'],
    ['/tin-tuc/%7Ea/', '/tin-tuc/~a/'],
    ['/', '/'],
  ])('%j → %j', (raw, path) => {
    expect(normalizeSitePath(raw)).toEqual({ ok: true, value: path });
  });

  it("is entryPath's spelling of a slug", () => {
    expect(normalizeSitePath(entryPath(CONTENT_TYPES.article, 'bai-viet-2026'))).toEqual({ ok: true, value: '/tin-tuc/bai-viet-2026/' });
  });

  it.each(['tin-tuc/a/', '//evil/', '/a//b/', '/a\\b/', '/a/../b/', '/a/%2E%2E/b/', '/a/./', '/a%2fb/', '/a%5cb/', '/a?x', '/a#x', '/a%ZZ/', '/a%00/', '/_astro/x/', '/pagefind/', '/ban-xem-truoc/x/', '/_withdrawn/abc/'])(
    'refuses %j',
    (raw) => {
      expect(normalizeSitePath(raw).ok).toBe(false);
    },
  );
});

describe('a redirect target', () => {
  const allowed = new Set(['dichvucong.gov.vn']);

  it.each([
    ['/tin-tuc/b', { kind: 'path', value: '/tin-tuc/b/' }],
    ['https://dichvucong.gov.vn/p/home', { kind: 'url', value: 'https://dichvucong.gov.vn/p/home' }],
    ['HTTPS://DICHVUCONG.GOV.VN', { kind: 'url', value: 'https://dichvucong.gov.vn/' }],
    ['https://dichvucong.gov.vn:443/', { kind: 'url', value: 'https://dichvucong.gov.vn/' }],
  ])('takes %j', (raw, target) => {
    expect(parseRedirectTarget(raw, allowed)).toEqual({ ok: true, value: target });
  });

  it.each([
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    'javascript:alert(1)',
    'http://dichvucong.gov.vn/',
    'https://dichvucong.gov.vn@evil.example/',
    'https://evil.example#@dichvucong.gov.vn/',
    'https://dichvucong.gov.vn.evil.example/',
    'https:dichvucong.gov.vn/',
    'https://dichvucong.gov.vn:8443/',
    'https://evil.example/',
  ])('refuses %j', (raw) => {
    expect(parseRedirectTarget(raw, allowed).ok).toBe(false);
  });

  it('refuses every external address when no host is allowed', () => {
    expect(parseRedirectTarget('https://dichvucong.gov.vn/', new Set()).ok).toBe(false);
  });
});

describe('REDIRECT_ALLOWED_HOSTS', () => {
  it('is a comma list of hosts, empty by default', () => {
    expect([...redirectAllowedHosts({})]).toEqual([]);
    expect([...redirectAllowedHosts({ REDIRECT_ALLOWED_HOSTS: ' DichVuCong.gov.vn , ,chinhphu.vn' })]).toEqual(['dichvucong.gov.vn', 'chinhphu.vn']);
  });

  it.each(['https://dichvucong.gov.vn', 'dichvucong.gov.vn/p', 'user@dichvucong.gov.vn', 'dichvucong.gov.vn:443'])('refuses %j, naming the variable', (value) => {
    expect(() => redirectAllowedHosts({ REDIRECT_ALLOWED_HOSTS: value })).toThrow(/REDIRECT_ALLOWED_HOSTS/);
  });
});
