import type { APIContext } from 'astro';
import { SITE_PATHS } from '../lib/content-model';

export function GET({ site }: APIContext) {
  const sitemap = new URL(SITE_PATHS.sitemap, site).href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
