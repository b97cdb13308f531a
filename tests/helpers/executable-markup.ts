import { Parser } from 'htmlparser2';

/**
 * Markup that would run, found by a real HTML parser: any script but JSON-LD and the site's
 * own files (the CSP forbids inline scripts), event handlers, script URLs, frames.
 */
export function executableMarkup(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'script') {
        const own = /^\/(_astro|pagefind|scripts)\/[\w.-]+\.js$/.test(attributes.src ?? '');
        if (!own && attributes.type !== 'application/ld+json') found.push(`<script ${JSON.stringify(attributes)}>`);
      }
      if (['iframe', 'object', 'embed', 'frame'].includes(name)) found.push(`<${name}>`);
      for (const [attribute, value] of Object.entries(attributes)) {
        if (/^on/i.test(attribute)) found.push(`${name}[${attribute}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute) && /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, ''))) {
          found.push(`${name}[${attribute}=${value}]`);
        }
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}
