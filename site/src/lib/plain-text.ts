/**
 * Characters no feed, sitemap or JSON-LD may carry, pasted in from Word and the like: C0
 * controls except tab, line feed and carriage return, DEL and the C1 controls, lone surrogates,
 * U+FFFE and U+FFFF. XML 1.0 forbids most of them, so one in a title made rss.xml unreadable.
 * Word's line break (vertical tab), form feed and NEL stand between words, so they become a
 * space; the rest are removed.
 */
const BETWEEN_WORDS = /[\u000B\u000C\u0085]/g;
const FORBIDDEN = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(BETWEEN_WORDS, ' ').replace(FORBIDDEN, '');
}

/** The form every text of the CMS takes on the site: no forbidden character, then NFC. */
export const cleanText = (text: string): string => stripControlCharacters(text).normalize('NFC');
