import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNIT_TYPES } from '../../../cms/src/content-model/unit-types.js';

/**
 * No page names a kind of unit of its own: the unit is configuration (site settings, said
 * through `unitFullName`), so a ward's portal never calls itself a district's. This test
 * reads every source file of the site and fails on a unit-type word in its text.
 */
const SITE_SRC = path.resolve(import.meta.dirname, '../../../site/src');

/** The words for a kind of unit, as a page would print them. */
const UNIT_WORDS = ['quận', 'huyện', 'phường', 'xã', 'tỉnh', 'đặc khu'];

/** Kinds whose word is also everyday Vietnamese and so is not searched for, with the reason. */
const NOT_SEARCHED: Record<string, string> = {
  'thành phố': 'a city in general ("Thành phố Hà Nội" is a parent unit, held in settings; the word alone is too common to forbid)',
};

/** Phrases where a unit word means something else. */
const OTHER_MEANINGS = [/xã hội/giu];

const LETTER = String.raw`[\p{L}\p{M}]`;
const WORD = new RegExp(`(?<!${LETTER})(${UNIT_WORDS.join('|')})(?!${LETTER})`, 'giu');

/** The file's text without comments, each replaced by blanks of the same lines so line numbers stay right. */
function withoutComments(source: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(^|\s)\/\/.*$/gm, (match, before: string) => before + blank(match.slice(before.length)));
}

/** Each unit word printed by a source text: its line and the word. */
function unitWords(source: string): { line: number; word: string }[] {
  let text = withoutComments(source.normalize('NFC'));
  for (const phrase of OTHER_MEANINGS) text = text.replace(phrase, (m) => ' '.repeat(m.length));
  return text.split('\n').flatMap((line, index) => [...line.matchAll(WORD)].map((m) => ({ line: index + 1, word: m[1]!.toLowerCase() })));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(astro|ts|js|mjs|md|json)$/.test(name) ? [full] : [];
  });
}

describe('no template names a unit type', () => {
  it('searches for the word of every kind of unit, or says why not', () => {
    for (const { name } of Object.values(UNIT_TYPES)) {
      expect(UNIT_WORDS.includes(name) || name in NOT_SEARCHED, name).toBe(true);
    }
  });

  it.each([
    ['a description naming the district', 'description="Ảnh hoạt động, sự kiện của quận."', ['quận']],
    ['a capitalised ward', "label: 'Phường'", ['phường']],
    ['an upper-case rural district', '<p>UBND HUYỆN</p>', ['huyện']],
    ['a commune at the end of a sentence', '`Tin của xã.`', ['xã']],
    ['a province and a special zone', 'Các tỉnh và đặc khu', ['tỉnh', 'đặc khu']],
    ['a word written decomposed (NFD)', 'của quận'.normalize('NFD'), ['quận']],
    ['society, not a commune', '<p>trật tự an toàn xã hội</p>', []],
    ['the republic, not a commune', 'Cộng hòa Xã hội chủ nghĩa Việt Nam', []],
    ['a word inside a longer word', 'quậnx phườngy', []],
    ['a slug without diacritics', "'/van-ban/co-quan/ubnd-quan-hai-ba-trung/'", []],
    ['a block comment', '/** "phường Hai Bà Trưng" */ const a = 1;', []],
    ['an Astro comment', '{/* the district (quận) is history */}', []],
    ['a line comment', "const a = 1; // e.g. 'quận'", []],
    ['an HTML comment', '<!-- quận -->', []],
    ['a URL is not a comment', "const u = 'https://example.gov.vn/quận';", ['quận']],
  ])('finds the unit words in %s', (_case, source, words) => {
    expect(unitWords(source).map((found) => found.word)).toEqual(words);
  });

  it('finds none in the site source: the unit is said through its settings', () => {
    const files = sourceFiles(SITE_SRC);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      unitWords(readFileSync(file, 'utf8')).map(({ line, word }) => `${path.relative(SITE_SRC, file)}:${line}: ${word}`),
    );
    expect(found).toEqual([]);
  });
});
