import { Marked, type Token } from 'marked';

/** A link written in content: where it points and the words or alt text it carries. */
export interface ContentLink {
  url: string;
  text: string;
  /** A media field's file (the site serves it from the CMS), not a link written in a body. */
  attachment?: boolean;
}

// One instance with the site's options (site/src/lib/markdown.ts): what it renders as a link, this finds.
const marked = new Marked({ gfm: true });

/**
 * The links and images of a Markdown body, in order, each URL once: the tokens marked's lexer
 * makes of it (links, autolinks, bare URLs, images, inside lists, tables and quotes alike), as
 * the site renders it. Links inside code are text, not links; raw HTML is dropped by the site's
 * sanitizer unless it is an allowed `<a>`/`<img>`, which is read here too.
 */
export function markdownLinks(markdown: string): ContentLink[] {
  const found = new Map<string, ContentLink>();
  const add = (url: string | undefined, text: string) => {
    const trimmed = url?.trim();
    if (trimmed && !found.has(trimmed)) found.set(trimmed, { url: trimmed, text: text.trim() });
  };
  const tokens = marked.lexer(markdown.normalize('NFC'));
  marked.walkTokens(tokens, (token: Token) => {
    if (token.type === 'link' || token.type === 'image') add(token.href, token.text);
    else if (token.type === 'html') for (const url of htmlLinks(token.raw)) add(url, '');
  });
  return [...found.values()];
}

const HTML_LINK = /<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** The href and src of the `<a>` and `<img>` tags a body may carry as raw HTML. */
function htmlLinks(html: string): string[] {
  return [...html.matchAll(HTML_LINK)].map((match) => decodeEntities(match[1] ?? match[2] ?? ''));
}

const decodeEntities = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
