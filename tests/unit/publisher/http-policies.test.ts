import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../../../scripts/publisher/accept-encoding.js';
import { cacheControl } from '../../../scripts/publisher/cache-control.js';
import { contentType } from '../../../scripts/publisher/content-types.js';
import { securityHeaders } from '../../../scripts/publisher/security-headers.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, ['br', 'gzip'], undefined],
    ['', ['br', 'gzip'], undefined],
    ['gzip, deflate, br', ['br', 'gzip'], 'br'],
    ['gzip, deflate, br', ['gzip'], 'gzip'],
    ['gzip, deflate', ['br', 'gzip'], 'gzip'],
    ['br;q=0.5, gzip;q=0.8', ['br', 'gzip'], 'gzip'],
    ['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
    ['gzip;q=0', ['gzip'], undefined],
    ['*', ['br', 'gzip'], 'br'],
    ['*;q=0.1, br;q=0', ['br', 'gzip'], 'gzip'],
    ['identity', ['br', 'gzip'], undefined],
    ['x-gzip', ['gzip'], 'gzip'],
    ['BR', ['br'], 'br'],
    ['br', [], undefined],
  ] as const)('%j with %j available → %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available)).toBe(expected);
  });
});

describe('contentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['_astro/a.CSS', 'text/css; charset=utf-8'],
    ['pagefind/pagefind.js', 'text/javascript; charset=utf-8'],
    ['pagefind/pagefind-entry.json', 'application/json; charset=utf-8'],
    ['rss.xml', 'application/xml; charset=utf-8'],
    ['du-lieu-mo/nhiem-vu.csv', 'text/csv; charset=utf-8'],
    ['du-lieu-mo/nhiem-vu.json', 'application/json; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.jpg', 'image/jpeg'],
    ['a.webp', 'image/webp'],
    ['a.avif', 'image/avif'],
    ['f.woff2', 'font/woff2'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['pagefind/pagefind.wasm', 'application/wasm'],
    ['pagefind/wasm.unknown.pagefind', 'application/octet-stream'],
    ['pagefind/pagefind.vi_1.pf_meta', 'application/octet-stream'],
    ['pagefind/index/vi_1.pf_index', 'application/octet-stream'],
    ['pagefind/fragment/vi_1.pf_fragment', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentType(file)).toBe(type);
  });
});

describe('cacheControl', () => {
  it.each([
    ['/index.html', 'no-cache'],
    ['/tin-tuc/bai-viet/index.html', 'no-cache'],
    ['/rss.xml', 'no-cache'],
    ['/sitemap-index.xml', 'no-cache'],
    ['/pagefind/pagefind-entry.json', 'no-cache'],
    ['/du-lieu-mo/van-ban.json', 'no-cache'],
    ['/du-lieu-mo/van-ban.csv', 'no-cache'],
    ['/_astro/index.Cq9fG7hk.css', 'public, max-age=31536000, immutable'],
    ['/_astro/anh.D1e2F3g4.webp', 'public, max-age=31536000, immutable'],
    ['/favicon.svg', 'public, max-age=300'],
    ['/pagefind/fragment/vi_1.pf_fragment', 'public, max-age=300'],
    ['/robots.txt', 'public, max-age=300'],
  ])('%s → %s', (file, policy) => {
    expect(cacheControl(file)).toBe(policy);
  });
});

describe('securityHeaders', () => {
  it('allows only the site itself, data: images and the CMS origins, and pagefind its WebAssembly', () => {
    const headers = securityHeaders(['http://127.0.0.1:1337', 'https://cms.quan.gov.vn']);
    const csp = Object.fromEntries(headers['Content-Security-Policy']!.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(csp).toEqual({
      'default-src': "'self'",
      'img-src': "'self' data: http://127.0.0.1:1337 https://cms.quan.gov.vn",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'style-src': "'self' 'unsafe-inline'",
      'frame-ancestors': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'object-src': "'none'",
    });
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin', 'X-Frame-Options': 'DENY' });
    expect(headers['Permissions-Policy']).toContain('camera=()');
  });
});
