import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { FILES, MIME, uploadFile } from '../helpers/document-files.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const FILE = 'plugin::upload.file';
// Above the sample's placeholder photos (which the first boot uploads), far below the defaults.
const PHOTO_MAX_BYTES = 256 * 1024;
const DOCUMENT_MAX_BYTES = 512 * 1024;

const blamedPaths = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));

/**
 * Issue 18: hostile files through the real upload routes (the Content API's and the admin's),
 * and what /uploads/ answers for the files that are let in. Nothing but photos and the four
 * document formats is stored, by content; a document is always served as a download that
 * the browser may not sniff into a page of the CMS's origin.
 */
describe('attachments: uploads sniffed by content, documents served as downloads', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let admin: string;

  const api = (name: string, type: string, bytes: Uint8Array, fields?: Record<string, string>) =>
    uploadFile(`${cms.url}/api/upload`, token, { name, type, bytes }, fields);
  const adminRoute = (name: string, type: string, bytes: Uint8Array) => uploadFile(`${cms.url}/upload`, admin, { name, type, bytes });
  const fileCount = () => cms.strapi.db.query(FILE).count();

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db, { UPLOAD_MAX_BYTES: String(PHOTO_MAX_BYTES), DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES) });
    token = await cms.fullAccessToken();
    await createAdminUser(cms, { code: 'strapi-super-admin', email: 'quantri@hbt.example.vn' });
    admin = await adminLogin(cms, 'quantri@hbt.example.vn');
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  const hostile: Array<[string, string, string, () => Uint8Array]> = [
    ['an EXE renamed .pdf', 'quyet-dinh.pdf', MIME.pdf, FILES.exe],
    ['an EXE renamed .pdf, sent as application/octet-stream', 'quyet-dinh.pdf', 'application/octet-stream', FILES.exe],
    ['an HTML page renamed .pdf', 'quyet-dinh.pdf', MIME.pdf, FILES.html],
    ['an HTML page renamed .docx', 'to-trinh.docx', MIME.docx, FILES.html],
    ['an SVG with a script renamed .pdf', 'so-do.pdf', MIME.pdf, () => new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['a PDF named .html, to be served as a page', 'trang.html', 'text/html', FILES.pdfHtmlPolyglot],
    ['a PDF named .svg', 'logo.svg', 'image/svg+xml', FILES.pdf],
    ['a PDF with no name ending', 'quyet-dinh', MIME.pdf, FILES.pdf],
    ['a macro-enabled Word file named .docx', 'to-trinh.docx', MIME.docx, FILES.docm],
    ['a zip of anything named .xlsx', 'bang.xlsx', MIME.xlsx, FILES.zip],
    ['an empty file named .pdf', 'rong.pdf', MIME.pdf, () => new Uint8Array(0)],
  ];

  describe.each([
    ['the Content API, /api/upload', 'api'],
    ["the admin's media library, /upload", 'admin'],
  ] as const)('through %s', (_label, route) => {
    it.each(hostile)('refuses %s with a 400 naming the file field, storing nothing', async (_what, name, type, bytes) => {
      const before = await fileCount();
      const response = await (route === 'api' ? api : adminRoute)(name, type, bytes());
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toEqual(['files']);
      expect(await fileCount()).toBe(before);
    });
  });

  it('holds each kind to its own size: a photo over UPLOAD_MAX_BYTES is refused where a document of that size is taken', async () => {
    const size = (PHOTO_MAX_BYTES + DOCUMENT_MAX_BYTES) / 2;
    const jpeg = await FILES.jpeg();
    const bigPhoto = new Uint8Array(size);
    bigPhoto.set(jpeg);
    const photo = await api('anh-lon.jpg', 'image/jpeg', bigPhoto);
    expect(photo.status, JSON.stringify(photo.body)).toBe(400);
    expect(blamedPaths(photo.body)).toEqual(['files']);
    const pdf = await api('van-ban-vua.pdf', MIME.pdf, FILES.pdfOfSize(size));
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    const before = await fileCount();
    const tooBig = await api('van-ban-lon.pdf', MIME.pdf, FILES.pdfOfSize(DOCUMENT_MAX_BYTES + 1024));
    // Past the larger limit the body parser stops reading (413); at it, our check (400).
    expect([400, 413]).toContain(tooBig.status);
    expect(await fileCount()).toBe(before);
  });

  it('will not link a PDF to a photo field at upload (ref, refId, field)', async () => {
    const person = await cms.strapi.db.query('api::attendee.attendee').findOne({ select: ['id'] });
    const before = await fileCount();
    const response = await api('chan-dung.pdf', MIME.pdf, FILES.pdf(), { ref: 'api::attendee.attendee', refId: String(person.id), field: 'portrait' });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(blamedPaths(response.body)).toEqual(['portrait']);
    expect(await fileCount()).toBe(before);
  });

  it('will not replace a photo by a PDF, which would put it in every field the photo is in', async () => {
    const photo = await cms.strapi.db.query(FILE).findOne({ where: { mime: 'image/jpeg' }, select: ['id', 'hash', 'mime'] });
    const replace = await uploadFile(`${cms.url}/api/upload?id=${photo.id}`, token, { name: 'thay-the.pdf', type: MIME.pdf, bytes: FILES.pdf() });
    expect(replace.status, JSON.stringify(replace.body)).toBe(400);
    expect((await cms.strapi.db.query(FILE).findOne({ where: { id: photo.id }, select: ['mime', 'hash'] })).mime).toBe('image/jpeg');
  });

  describe('what /uploads/ answers', () => {
    const served: Array<[string, string, string, () => Uint8Array, string]> = [
      ['a PDF', 'quyet-dinh.pdf', MIME.pdf, FILES.pdf, MIME.pdf],
      ['a PDF that is also an HTML page', 'da-hinh.pdf', 'text/html', FILES.pdfHtmlPolyglot, MIME.pdf],
      ['a PDF named in upper case', 'QUYET-DINH.PDF', MIME.pdf, FILES.pdf, MIME.pdf],
      ['a DOCX', 'to-trinh.docx', MIME.docx, FILES.docx, MIME.docx],
      ['an XLSX', 'bang.xlsx', MIME.xlsx, FILES.xlsx, MIME.xlsx],
      ['an ODT', 'bao-cao.odt', MIME.odt, FILES.odt, MIME.odt],
    ];

    it.each(served)('%s: a download, not sniffed, sandboxed, with its own type', async (_label, name, type, bytes, mime) => {
      const response = await adminRoute(name, type, bytes());
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const file = (Array.isArray(response.body) ? response.body[0] : response.body) as { url: string; mime: string };
      expect(file.mime).toBe(mime);
      for (const method of ['GET', 'HEAD']) {
        const answer = await fetch(`${cms.url}${file.url}`, { method });
        expect(answer.status, method).toBe(200);
        expect(answer.headers.get('content-type')).toContain(mime);
        expect(answer.headers.get('content-disposition')).toBe('attachment');
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
      }
      // A revalidation answered 304 (uploads-revalidation) keeps the headers. (`cache: 'no-cache'`:
      // fetch would otherwise add Cache-Control: no-cache, which asks for the whole file again.)
      const lastModified = (await fetch(`${cms.url}${file.url}`, { method: 'HEAD' })).headers.get('last-modified')!;
      const again = await fetch(`${cms.url}${file.url}`, { headers: { 'If-Modified-Since': lastModified }, cache: 'no-cache' });
      expect(again.status).toBe(304);
      expect(again.headers.get('content-disposition')).toBe('attachment');
    });

    it('a photo stays inline, as the site and the admin show it', async () => {
      const response = await api('anh.jpg', 'image/jpeg', await FILES.jpeg());
      expect(response.status).toBe(201);
      const answer = await fetch(`${cms.url}${response.body[0].url}`);
      expect(answer.headers.get('content-type')).toBe('image/jpeg');
      expect(answer.headers.get('content-disposition')).toBeNull();
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});
