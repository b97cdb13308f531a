/**
 * Headers for every public response. The site runs no third-party code: scripts and styles
 * come from the release itself ('unsafe-inline' styles for Astro's scoped ones), pagefind
 * compiles WebAssembly ('wasm-unsafe-eval'), images may come from the CMS.
 */
export function securityHeaders(imageOrigins: readonly string[]): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `img-src 'self' data:${imageOrigins.map((origin) => ` ${origin}`).join('')}`,
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
