import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { cleanText, stripControlCharacters } from '../../../site/src/lib/plain-text.js';

/** saxes checks every character against XML 1.0's Char production; fast-xml-parser does not. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}

describe('stripControlCharacters', () => {
  it.each([
    ['NUL and SOH', 'Hội\u0000 nghị\u0001', 'Hội nghị'],
    ['Word’s line break (vertical tab) between words', 'Hội nghị\u000Btổng kết', 'Hội nghị tổng kết'],
    ['form feed between words', 'trang\u000Cmới', 'trang mới'],
    ['unit separator and escape', 'a\u001Fb\u001Bc', 'abc'],
    ['DEL', 'xóa\u007F', 'xóa'],
    ['NEL (U+0085) between words', 'dòng\u0085mới', 'dòng mới'],
    ['other C1 controls', '\u0080a\u009Fb\u0090', 'ab'],
    ['a lone high surrogate', 'a\uD83Db', 'ab'],
    ['a lone low surrogate', 'a\uDE00b', 'ab'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFF', 'ab'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripControlCharacters(input)).toBe(expected);
  });

  it.each([
    ['tab, line feed, carriage return', 'a\tb\nc\r\nd'],
    ['Vietnamese with combining marks', 'Hai Bà Trưng'.normalize('NFD')],
    ['an emoji (a surrogate pair)', 'Chúc mừng 🎉'],
    ['non-breaking space, soft hyphen and the line separator', 'a\u00A0b\u00ADc\u2028d'],
    ['quotes and markup', '"<script>" & \'x\''],
  ])('keeps %s as they are', (_name, input) => {
    expect(stripControlCharacters(input)).toBe(input);
  });

  it('cleans, then composes Vietnamese to NFC', () => {
    expect(cleanText('Hai Ba\u0300\u0001 Tru\u031Bng')).toBe('Hai Bà Trưng'.normalize('NFC'));
  });

  it('makes every character from U+0000 to U+FFFF valid in an XML document', () => {
    const all = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join('');
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    expect(xmlErrors(`<t>${escape(all)}</t>`).length).toBeGreaterThan(0);
    expect(xmlErrors(`<t>${escape(stripControlCharacters(all))}</t>`)).toEqual([]);
  });
});
