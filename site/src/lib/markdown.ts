import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** "Đảng bộ Quận" → "dang-bo-quan": the CMS's page-slug rule (cms/src/utils/vietnamese-slug.ts), for anchors. */
function slugify(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Ids the page layout already uses; a heading named "Main" must not steal the skip-link target.
const RESERVED_IDS = ['main'];

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

function isExternal(href: string | undefined): boolean {
  return /^https?:\/\//i.test(href?.trim() ?? '');
}

/** Plain text of a heading's inline tokens, so ids ignore link URLs and emphasis markers. */
function plainText(tokens: Tokens.Generic[]): string {
  return tokens
    .map((t) => (t.tokens ? plainText(t.tokens) : t.type === 'escape' || t.type === 'text' || t.type === 'codespan' ? t.text : ''))
    .join('');
}

/**
 * Article bodies are written by staff in Strapi, but we still treat them as untrusted:
 * an account can be compromised, and pasted content drags in markup from anywhere.
 *
 * Allowlist (everything else is dropped; the text of dropped tags is kept, except
 * script/style/textarea/noscript whose content goes too):
 * - tags: headings, paragraphs, line breaks, rules, quotes, code, inline emphasis,
 *   lists, definition lists, tables, links, images, figures. No script, style, iframe,
 *   object, embed, form/input, svg, math — nothing that runs code or submits data.
 * - attributes: a[href title], img[src alt title width height], td/th[align colspan rowspan],
 *   ol[start], abbr[title], code[class=language-*], and ids on headings we generated.
 *   No style, no on* handlers, no user ids/names (DOM clobbering), no target.
 * - URLs: href may be http, https, mailto, tel or relative; img src http, https or relative.
 *   sanitize-html decodes entities and strips whitespace/control characters before checking
 *   the scheme, so "JaVa&#x09;Script:" and friends are caught too.
 * - external (absolute http/https) links get rel="noopener noreferrer"; links stay in the same
 *   tab, which is kinder to screen-reader and keyboard users.
 */
export function renderMarkdown(md: string): string {
  const used = new Set(RESERVED_IDS);
  const generated = new Set<string>();

  // A fresh instance per call: heading ids must be unique per document, not per build.
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const base = slugify(plainText(tokens)) || 'muc';
        let id = base;
        for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
        used.add(id);
        generated.add(id);
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });

  const html = marked.parse(md.normalize('NFC'), { async: false });

  return sanitizeHtml(html, {
    allowedTags: [
      ...HEADINGS,
      'p', 'br', 'hr', 'blockquote', 'pre', 'code',
      'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'small', 'abbr',
      'ul', 'ol', 'li', 'dl', 'dt', 'dd',
      'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
      'a', 'img', 'figure', 'figcaption',
    ],
    allowedAttributes: {
      ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
      td: [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }, 'colspan', 'rowspan'],
      th: [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }, 'colspan', 'rowspan'],
      ol: ['start'],
      abbr: ['title'],
    },
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    transformTags: {
      // Keep only ids our renderer made, each once; raw HTML cannot inject or duplicate ids.
      ...Object.fromEntries(
        HEADINGS.map((h) => [
          h,
          (tagName: string, attribs: sanitizeHtml.Attributes) => {
            const { id, ...rest } = attribs;
            const ok = id !== undefined && generated.delete(id);
            return { tagName, attribs: ok ? { ...rest, id } : rest };
          },
        ]),
      ),
      a: (tagName, attribs) => {
        const { rel: _ignored, ...rest } = attribs;
        return { tagName, attribs: isExternal(rest.href) ? { ...rest, rel: 'noopener noreferrer' } : rest };
      },
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
    },
  });
}
