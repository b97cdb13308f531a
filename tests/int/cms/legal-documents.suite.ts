import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { FILES, MIME, uploadFile } from '../../helpers/document-files.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';
import samples from '../../../cms/src/seed/sample-documents.json' with { type: 'json' };

const DOCUMENT = CONTENT_TYPES.legalDocument.uid;
const DOCUMENT_TYPE = CONTENT_TYPES.documentType.uid;
const ARTICLE = CONTENT_TYPES.article.uid;
const TASK = CONTENT_TYPES.resolutionTask.uid;
const FILE = 'plugin::upload.file';
/** Small, so a file over it is quick to send; photos keep the default. */
const DOCUMENT_MAX_BYTES = 64 * 1024;
const BODY = 'UBND phường Hai Bà Trưng';

const blamedPaths = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));
const schemaOf = (name: string) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'cms', 'src', 'api', name, 'content-types', name, 'schema.json'), 'utf8')) as {
    options: { draftAndPublish: boolean };
    attributes: Record<string, unknown>;
  };

/** Văn bản: the content types, their rules, their attachments and the sample import, on one database. */
export function legalDocumentsSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let decision: string;
  let pdfId: number;
  let photoId: number;

  const upload = (name: string, type: string, bytes: Uint8Array) => uploadFile(`${cms.url}/api/upload`, token, { name, type, bytes });
  const createDocument = (data: Record<string, unknown>, status?: 'draft') =>
    rest(`${cms.url}/api/legal-documents${status ? `?status=${status}` : ''}`, { method: 'POST', token, body: { data } });
  const valid = (extra: Record<string, unknown> = {}) => ({
    number: `${Math.floor(Math.random() * 1e6)}/QĐ-UBND`,
    issuingBody: BODY,
    issuedAt: '2026-03-02',
    summary: 'Dữ liệu kiểm thử. Quyết định về việc thử nghiệm.',
    documentType: decision,
    ...extra,
  });

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db, { DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES) });
    token = await cms.fullAccessToken();
    decision = (await cms.strapi.documents(DOCUMENT_TYPE).findFirst({ filters: { name: 'Quyết định' } }))!.documentId;
    const pdf = await upload('quyet-dinh.pdf', MIME.pdf, FILES.pdf());
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    pdfId = pdf.body[0].id;
    photoId = (await cms.strapi.db.query(FILE).findOne({ where: { mime: 'image/jpeg' }, select: ['id'] })).id;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  describe('the content types match their declarations', () => {
    it.each([
      ['legal-document', CONTENT_TYPES.legalDocument],
      ['document-type', CONTENT_TYPES.documentType],
      ['article', CONTENT_TYPES.article],
      ['resolution-task', CONTENT_TYPES.resolutionTask],
    ] as const)('%s: every field labelled, draft & publish as declared', (name, declaration) => {
      const schema = schemaOf(name);
      expect(Object.keys(declaration.labels.fields).sort()).toEqual(Object.keys(schema.attributes).sort());
      expect(schema.options.draftAndPublish).toBe(declaration.draftAndPublish);
      expect(cms.strapi.contentType(declaration.uid as never)).toBeDefined();
    });
  });

  describe('a document with a PDF', () => {
    it('is drafted, invisible to the site, then published with its attachment, type and slug', async () => {
      const draft = await createDocument(valid({ number: '7/2026/QĐ-UBND', attachments: [pdfId], effectiveAt: '2026-03-02' }), 'draft');
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const { documentId } = draft.body.data;
      expect(draft.body.data.slug).toBe('7-2026-qd-ubnd');
      const byNumber = `${cms.url}/api/legal-documents?filters[slug][$eq]=7-2026-qd-ubnd&populate[attachments]=true&populate[documentType]=true`;
      expect((await rest(byNumber, { token: cms.siteToken })).body.data).toEqual([]);

      await cms.strapi.documents(DOCUMENT).publish({ documentId });
      const [published] = (await rest(byNumber, { token: cms.siteToken })).body.data;
      expect(published).toMatchObject({ documentId, number: '7/2026/QĐ-UBND', validity: 'in_force', documentType: { name: 'Quyết định' } });
      expect(published.attachments).toHaveLength(1);
      expect(published.attachments[0]).toMatchObject({ mime: MIME.pdf, ext: '.pdf' });
      const served = await fetch(`${cms.url}${published.attachments[0].url}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-disposition')).toBe('attachment');
      expect(new TextDecoder().decode((await served.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    });

    it.each([
      ['a DOCX', 'to-trinh.docx', MIME.docx, FILES.docx],
      ['an XLSX', 'bang-tong-hop.xlsx', MIME.xlsx, FILES.xlsx],
      ['an ODT', 'bao-cao.odt', MIME.odt, FILES.odt],
      ['a DOCX the browser calls application/octet-stream', 'cong-van.docx', 'application/octet-stream', FILES.docx],
    ])('takes %s, stored with the type its content has', async (_label, name, type, bytes) => {
      const response = await upload(name, type, bytes());
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body[0].mime).toBe(MIME[path.extname(name).slice(1) as keyof typeof MIME]);
      const attached = await createDocument(valid({ attachments: [response.body[0].id] }), 'draft');
      expect(attached.status, JSON.stringify(attached.body)).toBe(201);
    });

    it('allows the same number from another issuing body', async () => {
      const other = await createDocument(valid({ number: '120/QĐ-UBND', issuingBody: 'UBND phường Bạch Mai' }));
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      expect(other.body.data.slug).toBe('120-qd-ubnd-2');
    });

    it('takes a replacement and keeps it', async () => {
      const newer = await createDocument(valid());
      const older = await createDocument(valid({ validity: 'replaced', replacedBy: newer.body.data.documentId }));
      expect(older.status, JSON.stringify(older.body)).toBe(201);
      const saved = await cms.strapi.documents(DOCUMENT).findOne({ documentId: older.body.data.documentId, populate: { replacedBy: true } });
      expect((saved?.replacedBy as { documentId: string }).documentId).toBe(newer.body.data.documentId);
    });
  });

  describe('a rejected write returns 400 naming the field and stores nothing', () => {
    const sample = samples.documents[0]!;
    const documentWrites: Array<[string, () => Record<string, unknown>, 'draft' | undefined, string]> = [
      ['a number its body already gave', () => valid({ number: sample.number, issuingBody: sample.issuingBody }), undefined, 'number'],
      ['the same number in lower case, as a draft', () => valid({ number: sample.number.toLowerCase(), issuingBody: sample.issuingBody }), 'draft', 'number'],
      ['the same number, the body spelt in NFD and upper case', () => valid({ number: sample.number, issuingBody: sample.issuingBody.normalize('NFD').toUpperCase() }), undefined, 'number'],
      ['an effective date before the issued date', () => valid({ issuedAt: '2026-03-02', effectiveAt: '2026-03-01' }), undefined, 'effectiveAt'],
      ['an effective date before the issued date, as a draft', () => valid({ issuedAt: '2026-03-02', effectiveAt: '2025-12-31' }), 'draft', 'effectiveAt'],
      ['replaced without the replacing document', () => valid({ validity: 'replaced' }), undefined, 'replacedBy'],
      ['replaced without the replacing document, as a draft', () => valid({ validity: 'replaced', replacedBy: null }), 'draft', 'replacedBy'],
      ['an unknown validity', () => valid({ validity: 'repealed' }), 'draft', 'validity'],
      ['a 101-character number', () => valid({ number: 'Đ'.repeat(101) }), 'draft', 'number'],
      ['a 2001-character summary', () => valid({ summary: 'Đ'.repeat(2001) }), 'draft', 'summary'],
      ['an empty number', () => valid({ number: ' ' }), 'draft', 'number'],
      ['a photo as an attachment', () => valid({ attachments: [photoId] }), 'draft', 'attachments'],
    ];

    it.each(documentWrites)('%s', async (_label, data, status, field) => {
      const before = await cms.strapi.db.query(DOCUMENT).count();
      const response = await createDocument(data(), status);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain(field);
      expect(await cms.strapi.db.query(DOCUMENT).count()).toBe(before);
    });

    const uploads: Array<[string, string, string, () => Uint8Array]> = [
      ['an EXE renamed .pdf', 'quyet-dinh.pdf', MIME.pdf, FILES.exe],
      ['an HTML file renamed .pdf', 'quyet-dinh.pdf', MIME.pdf, FILES.html],
      ['a PDF over the size limit', 'quyet-dinh.pdf', MIME.pdf, () => FILES.pdfOfSize(DOCUMENT_MAX_BYTES + 1)],
      ['a PDF named .docx', 'to-trinh.docx', MIME.docx, FILES.pdf],
      ['a macro-enabled Word file named .docx', 'to-trinh.docx', MIME.docx, FILES.docm],
      ['a plain zip named .xlsx', 'bang.xlsx', MIME.xlsx, FILES.zip],
      ['an HTML file as a photo', 'anh.jpg', 'image/jpeg', FILES.html],
    ];

    it.each(uploads)('upload: %s', async (_label, name, type, bytes) => {
      const before = await cms.strapi.db.query(FILE).count();
      const response = await upload(name, type, bytes());
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain('files');
      expect(await cms.strapi.db.query(FILE).count()).toBe(before);
    });

    const attachWrites: Array<[string, string, string, () => Record<string, unknown>, string]> = [
      ["a PDF as an article's cover photo", ARTICLE, 'articles', () => ({ title: 'Tin có ảnh là PDF', cover: { image: pdfId, alt: 'Ảnh' } }), 'cover.image'],
      ["a PDF as a person's portrait", 'api::attendee.attendee', 'attendees', () => ({ fullName: 'Người có ảnh là PDF', portrait: pdfId }), 'portrait'],
      ["a PDF in a gallery", 'api::photo-gallery.photo-gallery', 'photo-galleries', () => ({ title: 'Ảnh PDF', photos: [{ image: { id: pdfId }, alt: 'Ảnh' }] }), 'photos.0.image'],
    ];

    it.each(attachWrites)('%s', async (_label, uid, endpoint, data, field) => {
      const before = await cms.strapi.db.query(uid as never).count();
      const response = await rest(`${cms.url}/api/${endpoint}`, { method: 'POST', token, body: { data: data() } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain(field);
      expect(await cms.strapi.db.query(uid as never).count()).toBe(before);
    });

    it('an update that moves only the effective date before the issued date; the entry is unchanged', async () => {
      const created = await createDocument(valid({ issuedAt: '2026-04-10', effectiveAt: '2026-04-10' }));
      const { documentId } = created.body.data;
      const response = await rest(`${cms.url}/api/legal-documents/${documentId}`, { method: 'PUT', token, body: { data: { effectiveAt: '2026-04-09' } } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain('effectiveAt');
      expect((await cms.strapi.documents(DOCUMENT).findOne({ documentId }))?.effectiveAt).toBe('2026-04-10');
    });

    it('a document replaced by itself', async () => {
      const created = await createDocument(valid());
      const { documentId } = created.body.data;
      const response = await rest(`${cms.url}/api/legal-documents/${documentId}`, { method: 'PUT', token, body: { data: { validity: 'replaced', replacedBy: documentId } } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain('replacedBy');
      expect((await cms.strapi.documents(DOCUMENT).findOne({ documentId }))?.validity).toBe('in_force');
    });

    it("a document's own draft and published versions are not duplicates", async () => {
      const created = await createDocument(valid({ number: '99/QĐ-UBND' }));
      expect(created.status).toBe(201);
      const again = await rest(`${cms.url}/api/legal-documents/${created.body.data.documentId}`, {
        method: 'PUT',
        token,
        body: { data: { number: '99/qđ-ubnd', summary: 'Dữ liệu kiểm thử. Trích yếu đã sửa.' } },
      });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    });
  });

  describe('the document types', () => {
    it('are the managed list, in order, without drafts', async () => {
      const types = await cms.strapi.documents(DOCUMENT_TYPE).findMany({ sort: 'order:asc' });
      expect(types.map((t) => [t.name, t.slug])).toEqual(
        samples.documentTypes.map((t) => [t.name, expect.stringMatching(/^[a-z0-9-]+$/)]),
      );
      expect(types.map((t) => t.slug)).toContain('nghi-quyet');
    });

    it('refuse a second type of the same name', async () => {
      const before = await cms.strapi.db.query(DOCUMENT_TYPE).count();
      const response = await rest(`${cms.url}/api/document-types`, { method: 'POST', token, body: { data: { name: 'Quyết định' } } });
      expect(response.status).toBe(400);
      expect(blamedPaths(response.body)).toContain('name');
      expect(await cms.strapi.db.query(DOCUMENT_TYPE).count()).toBe(before);
    });
  });

  describe('the sample documents, imported on first boot', () => {
    const populate = { documentType: true, attachments: true, replacedBy: true, articles: true } as const;

    it('are five published documents marked as sample data, of four types and three validities', async () => {
      const docs = await cms.strapi.documents(DOCUMENT).findMany({ status: 'published', filters: { summary: { $startsWith: 'Dữ liệu mẫu' } }, populate });
      expect(docs.map((d) => d.number).sort()).toEqual(samples.documents.map((d) => d.number).sort());
      expect(new Set(docs.map((d) => (d.documentType as { name: string }).name)).size).toBe(4);
      expect(new Set(docs.map((d) => d.validity))).toEqual(new Set(['in_force', 'expired', 'replaced']));
      for (const doc of docs) {
        const [file] = doc.attachments as Array<{ mime: string; url: string; size: number }>;
        expect([MIME.pdf, MIME.docx]).toContain(file!.mime);
        const bytes = new Uint8Array(await (await fetch(`${cms.url}${file!.url}`)).arrayBuffer());
        // Each says on its face that it is sample data: the PDFs without diacritics, the DOCX zipped.
        if (file!.mime === MIME.pdf) expect(new TextDecoder('latin1').decode(bytes)).toContain('DU LIEU MAU');
        else expect(bytes.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
      }
    });

    it('one replaces another, and one is cited by the sample article', async () => {
      const replaced = await cms.strapi.documents(DOCUMENT).findFirst({ status: 'published', filters: { validity: 'replaced' }, populate });
      expect((replaced?.replacedBy as { number: string }).number).toBe('120/QĐ-UBND');
      const cited = await rest(`${cms.url}/api/articles?populate[legalDocuments][fields][0]=number`, { token: cms.siteToken });
      const numbers = cited.body.data.flatMap((a: { legalDocuments: Array<{ number: string }> }) => a.legalDocuments.map((d) => d.number));
      expect(numbers).toEqual(['28/KH-UBND']);
    });

    it('are read by the site token, and the Public role reads nothing', async () => {
      for (const endpoint of ['legal-documents', 'document-types']) {
        expect((await rest(`${cms.url}/api/${endpoint}`, { token: cms.siteToken })).status).toBe(200);
        expect((await rest(`${cms.url}/api/${endpoint}`)).status).toBe(403);
      }
    });

    it('a key task names the document it comes from', async () => {
      const source = (await cms.strapi.documents(DOCUMENT).findFirst({ filters: { number: '05/NQ-HĐND' } }))!.documentId;
      const task = await cms.strapi.documents(TASK).create({ data: { title: 'Nhiệm vụ thử theo nghị quyết', year: 2026, order: 1, sourceDocument: source } as never });
      const doc = await cms.strapi.documents(DOCUMENT).findOne({ documentId: source, populate: { tasks: true } });
      expect((doc?.tasks as Array<{ documentId: string }>).map((t) => t.documentId)).toContain(task.documentId);
    });
  });

  describe('a second boot and npm run seed', () => {
    it('import nothing again and keep what an editor changed', async () => {
      const sample = (await cms.strapi.documents(DOCUMENT).findFirst({ filters: { number: '12/TB-UBND' } }))!;
      await cms.strapi.documents(DOCUMENT).update({ documentId: sample.documentId, data: { subjectArea: 'Lĩnh vực do biên tập sửa' } as never });
      const uids = [DOCUMENT, DOCUMENT_TYPE, ARTICLE, TASK, FILE];
      const counts = async () => Promise.all(uids.map((uid) => cms.strapi.db.query(uid as never).count()));
      const before = await counts();

      await cms.stop();
      cms = await bootStrapi(db, { DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES) });
      expect(await counts()).toEqual(before);

      // What `npm run seed` runs (scripts/seed.ts): everything found, nothing created.
      const { seedSampleContent } = createRequire(import.meta.url)(path.join(repoRoot, 'cms', 'dist', 'src', 'seed', 'seed-sample-content.js')) as
        typeof import('../../../cms/src/seed/seed-sample-content.js');
      const report = await seedSampleContent(cms.strapi);
      expect(report.created).toEqual([]);
      expect(report.kept).toEqual(expect.arrayContaining([`${DOCUMENT}:12-tb-ubnd`, `${DOCUMENT_TYPE}:nghi-quyet`]));
      expect(await counts()).toEqual(before);
      expect((await cms.strapi.documents(DOCUMENT).findOne({ documentId: sample.documentId }))?.subjectArea).toBe('Lĩnh vực do biên tập sửa');
    });
  });
}
