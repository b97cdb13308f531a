import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, writeCsv } from '../../../site/src/lib/csv.js';
import { DATA_SETS, dataSetCsv, dataSetJson, releaseDate, type TaskRow } from '../../../site/src/lib/open-data.js';
import { readCsv } from '../../helpers/read-csv.js';

describe('csvField', () => {
  it.each([
    ['plain text', 'Hội nghị', 'Hội nghị'],
    ['Vietnamese diacritics, NFC kept', 'Ủy ban nhân dân quận Hai Bà Trưng', 'Ủy ban nhân dân quận Hai Bà Trưng'],
    ['a comma', 'Kế hoạch, báo cáo', '"Kế hoạch, báo cáo"'],
    ['quotes, doubled', 'Phong trào "Toàn dân"', '"Phong trào ""Toàn dân"""'],
    ['a line feed', 'dòng 1\ndòng 2', '"dòng 1\ndòng 2"'],
    ['a CRLF', 'dòng 1\r\ndòng 2', '"dòng 1\r\ndòng 2"'],
    ['a formula with =', '=HYPERLINK("http://x","bấm")', `"'=HYPERLINK(""http://x"",""bấm"")"`],
    ['a formula with +', '+1+2', "'+1+2"],
    ['a formula with -', '-2+3', "'-2+3"],
    ['a formula with @', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab before a formula', '\t=1+1', "'\t=1+1"],
    ['a CR before a formula', '\r=1+1', `"'\r=1+1"`],
    ['= inside, not at the start', 'a=b', 'a=b'],
    ['an apostrophe at the start, as is', "'quoted", "'quoted"],
    ['the empty string', '', ''],
    ['null, an empty field', null, ''],
    ['a number, as is', 2021, '2021'],
    ['a negative number, a number not a formula', -5, '-5'],
    ['zero', 0, '0'],
  ] as const)('%s', (_label, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('refuses a number a spreadsheet cannot hold', () => {
    expect(() => csvField(Number.NaN)).toThrow(/NaN/);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(/Infinity/);
  });
});

describe('writeCsv', () => {
  const rows = [
    ['a', 'Hội nghị, tổng kết', 1],
    ['b', '=1+1', null],
    ['c', 'hai\r\ndòng "trích"', 3],
  ] as const;
  const text = writeCsv(['id', 'title', 'order'], rows);

  it('starts with the BOM, ends every record with CRLF', () => {
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.startsWith(`${CSV_BOM}id,title,order\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('reads back as RFC 4180 into the same fields, formulas neutralised', () => {
    expect(readCsv(text.slice(1))).toEqual([
      ['id', 'title', 'order'],
      ['a', 'Hội nghị, tổng kết', '1'],
      ['b', "'=1+1", ''],
      ['c', 'hai\r\ndòng "trích"', '3'],
    ]);
  });

  it('refuses a row that does not fit the header', () => {
    expect(() => writeCsv(['a', 'b'], [['x']])).toThrow(/1 fields under a header of 2/);
  });
});

describe('a data set made from its one declaration', () => {
  const site = new URL('https://quan.example.vn');
  const task = (documentId: string, title: string, updatedAt: string): TaskRow => ({
    documentId,
    title,
    description: 'Nội dung',
    year: 2021,
    order: 1,
    status: 'in_progress',
    responsibleUnit: 'Phòng Nội vụ',
    dueDate: '2021-12-31',
    sourceArticle: { slug: 'hoi-nghi', title: 'Hội nghị' },
    updatedAt: new Date(updatedAt),
  });
  const rows = [task('t1', '=Nhiệm vụ "một"', '2021-02-01T00:00:00Z'), task('t2', 'Chỉnh trang đô thị', '2021-03-05T10:00:00Z')];
  const names = DATA_SETS.tasks.fields.map((f) => f.name);

  it('gives the CSV a header of the declared names and a record per row, neutralised', () => {
    const records = readCsv(dataSetCsv(DATA_SETS.tasks, rows, site).slice(1));
    expect(records[0]).toEqual(names);
    expect(records).toHaveLength(3);
    const title = names.indexOf('title');
    expect(records[1]![title]).toBe(`'=Nhiệm vụ "một"`);
    expect(records[1]![names.indexOf('url')]).toBe('https://quan.example.vn/nhiem-vu/2021/');
    expect(records[1]![names.indexOf('sourceArticleUrl')]).toBe('https://quan.example.vn/tin-tuc/hoi-nghi/');
  });

  it('gives the JSON the same fields, the values intact, and the release date', () => {
    const json = JSON.parse(dataSetJson(DATA_SETS.tasks, rows, { publisher: 'Cổng', releaseDate: releaseDate({ tasks: rows }) }, site));
    expect(json.fields.map((f: { name: string }) => f.name)).toEqual(names);
    expect(json.records.map((r: Record<string, unknown>) => Object.keys(r))).toEqual([names, names]);
    expect(json.records[0].title).toBe('=Nhiệm vụ "một"');
    expect(json.records[0].year).toBe(2021);
    expect(json.releaseDate).toBe('2021-03-05T10:00:00.000Z');
    expect(json.license.id).toBe('CC-BY-4.0');
    expect(json.distribution).toEqual(['https://quan.example.vn/du-lieu-mo/nhiem-vu.json', 'https://quan.example.vn/du-lieu-mo/nhiem-vu.csv']);
  });

  it('has no release date without records', () => {
    expect(releaseDate({ tasks: [], galleries: [] })).toBeNull();
  });

  it.each(Object.entries(DATA_SETS))('%s: unique camelCase names, each with a meaning', (_key, dataSet) => {
    const fieldNames = dataSet.fields.map((f) => f.name);
    expect(new Set(fieldNames).size).toBe(fieldNames.length);
    for (const f of dataSet.fields) {
      expect(f.name).toMatch(/^[a-z][a-zA-Z]*$/);
      expect(f.meaning.length).toBeGreaterThan(3);
    }
  });
});
