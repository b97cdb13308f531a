import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';
import samples from '../../../cms/src/seed/sample-procedures.json' with { type: 'json' };

const PROCEDURE = CONTENT_TYPES.procedure.uid;
const PORTAL = 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=';

const blamedPaths = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));

/** Thủ tục hành chính: its rules and the sample import, on one database. */
export function proceduresSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let next = 100;

  const freshCode = () => `8.${String((next += 1)).padStart(6, '0')}`;
  const valid = (extra: Record<string, unknown> = {}) => {
    const code = freshCode();
    return { code, name: `Thủ tục kiểm thử ${code}`, subjectArea: 'Hộ tịch', level: 'full_online', nationalPortalUrl: `${PORTAL}${code}`, ...extra };
  };
  const create = (data: Record<string, unknown>, status?: 'draft') =>
    rest(`${cms.url}/api/procedures${status ? `?status=${status}` : ''}`, { method: 'POST', token, body: { data } });
  const update = (documentId: string, data: Record<string, unknown>) =>
    rest(`${cms.url}/api/procedures/${documentId}`, { method: 'PUT', token, body: { data } });

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    token = await cms.fullAccessToken();
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  describe('the sample procedures, imported on first boot', () => {
    it('are published, marked as sample data, in several fields, and read by the site token only', async () => {
      const published = await cms.strapi.documents(PROCEDURE).findMany({ status: 'published', filters: { summary: { $startsWith: 'Dữ liệu mẫu' } } });
      expect(published.map((p) => p.code).sort()).toEqual(samples.procedures.map((p) => p.code).sort());
      expect(new Set(published.map((p) => p.subjectArea)).size).toBeGreaterThanOrEqual(3);
      expect((await rest(`${cms.url}/api/procedures`, { token: cms.siteToken })).body.data).toHaveLength(samples.procedures.length);
      expect((await rest(`${cms.url}/api/procedures`)).status).toBe(403);
    });
  });

  describe('a rejected write returns 400 naming the field and stores nothing', () => {
    const sample = samples.procedures[0]!;
    const writes: Array<[string, () => Record<string, unknown>, 'draft' | undefined, string]> = [
      ['a code with letters', () => valid({ code: 'BTP-HNO-277175' }), undefined, 'code'],
      ['a code with five digits after the dot', () => valid({ code: '1.00123' }), undefined, 'code'],
      ['a code with seven digits after the dot', () => valid({ code: '1.0012345' }), 'draft', 'code'],
      ['a code with a local suffix', () => valid({ code: '1.001193.000.00.00.H26' }), undefined, 'code'],
      ['a code starting with 0', () => valid({ code: '0.001193' }), 'draft', 'code'],
      ["a published sample's code", () => valid({ code: sample.code }), undefined, 'code'],
      ["a published sample's code, as a draft", () => valid({ code: sample.code }), 'draft', 'code'],
      ["a sample's code with spaces around it", () => valid({ code: ` ${sample.code} ` }), 'draft', 'code'],
      ['a portal link over http', () => valid({ nationalPortalUrl: 'http://dichvucong.gov.vn/p/home/dvc-trang-chu.html' }), undefined, 'nationalPortalUrl'],
      ['a link to another site', () => valid({ nationalPortalUrl: 'https://example.gov.vn/thu-tuc' }), undefined, 'nationalPortalUrl'],
      ['a look-alike host', () => valid({ nationalPortalUrl: 'https://dichvucong.gov.vn.example.com/' }), 'draft', 'nationalPortalUrl'],
      ['a host that only ends like it', () => valid({ nationalPortalUrl: 'https://fakedichvucong.gov.vn/' }), undefined, 'nationalPortalUrl'],
      ['credentials before the host', () => valid({ nationalPortalUrl: 'https://dichvucong.gov.vn@example.com/' }), undefined, 'nationalPortalUrl'],
      ['a javascript: link', () => valid({ nationalPortalUrl: 'javascript:alert(1)//dichvucong.gov.vn' }), 'draft', 'nationalPortalUrl'],
      ['not an address at all', () => valid({ nationalPortalUrl: 'dichvucong.gov.vn' }), undefined, 'nationalPortalUrl'],
    ];

    it.each(writes)('%s', async (_label, data, status, field) => {
      const before = await cms.strapi.db.query(PROCEDURE).count();
      const response = await create(data(), status);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain(field);
      expect(await cms.strapi.db.query(PROCEDURE).count()).toBe(before);
    });

    it("an update to another procedure's code; the entry keeps its own", async () => {
      const created = await create(valid());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { documentId, code } = created.body.data;
      const response = await update(documentId, { code: sample.code });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain('code');
      expect((await cms.strapi.documents(PROCEDURE).findOne({ documentId }))?.code).toBe(code);
    });

    it("a clone, which would carry its source's code", async () => {
      const source = (await cms.strapi.documents(PROCEDURE).findFirst({ filters: { code: sample.code } }))!;
      const before = await cms.strapi.db.query(PROCEDURE).count();
      const error = await cms.strapi.documents(PROCEDURE).clone({ documentId: source.documentId, data: {} as never }).catch((e: unknown) => e);
      expect(blamedPaths({ error })).toContain('code');
      expect(await cms.strapi.db.query(PROCEDURE).count()).toBe(before);
    });
  });

  describe('an accepted write', () => {
    it.each([
      ['the portal itself', `${PORTAL}1.001193`],
      ['a subdomain of the portal', 'https://thutuc.dichvucong.gov.vn/tra-cuu'],
      ['the portal in capitals', 'HTTPS://DICHVUCONG.GOV.VN/p/home/dvc-trang-chu.html'],
    ])('links %s', async (_label, nationalPortalUrl) => {
      const response = await create(valid({ nationalPortalUrl }));
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    });

    it('trims a pasted code and keeps it', async () => {
      const code = freshCode();
      const response = await create(valid({ code: ` ${code}\n` }), 'draft');
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.data.code).toBe(code);
    });

    it("saves a procedure's edit with its own code: its draft and published versions are one procedure", async () => {
      const created = await create(valid());
      expect(created.status).toBe(201);
      const again = await update(created.body.data.documentId, { code: created.body.data.code, fee: 'Miễn phí' });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      await cms.strapi.documents(PROCEDURE).publish({ documentId: created.body.data.documentId });
      const draftEdit = await rest(`${cms.url}/api/procedures/${created.body.data.documentId}?status=draft`, {
        method: 'PUT',
        token,
        body: { data: { code: created.body.data.code, processingTime: '01 ngày làm việc' } },
      });
      expect(draftEdit.status, JSON.stringify(draftEdit.body)).toBe(200);
    });
  });
}
