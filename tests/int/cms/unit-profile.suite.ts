import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';
import sampleContent from '../../../cms/src/seed/sample-content.json' with { type: 'json' };
import sample from '../../../cms/src/seed/sample-profile.json' with { type: 'json' };

const PAGE = CONTENT_TYPES.page.uid;
const ATTENDEE = CONTENT_TYPES.attendee.uid;

const blamedPaths = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));

/** The unit's profile pages and its leaders: their rules and the sample import, on one database. */
export function unitProfileSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let photoId: number;

  const post = (endpoint: string, data: Record<string, unknown>) => rest(`${cms.url}/api/${endpoint}`, { method: 'POST', token, body: { data } });
  const put = (endpoint: string, documentId: string, data: Record<string, unknown>) =>
    rest(`${cms.url}/api/${endpoint}/${documentId}`, { method: 'PUT', token, body: { data } });
  const newPage = async (title: string, parent?: string) => {
    const response = await post('pages', { title, body: 'Dữ liệu kiểm thử.', ...(parent ? { parent } : {}) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.data.documentId as string;
  };
  const parentOf = async (documentId: string) =>
    ((await cms.strapi.documents(PAGE).findOne({ documentId, populate: { parent: true } }))?.parent as { documentId: string } | null)?.documentId ?? null;

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    token = await cms.fullAccessToken();
    photoId = (await cms.strapi.db.query('plugin::upload.file').findOne({ where: { mime: 'image/jpeg' }, select: ['id'] })).id;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  describe('a leader', () => {
    it('with a position, order, duties and official contacts is saved', async () => {
      const response = await post('attendees', {
        fullName: 'Phạm Văn D (thử)',
        currentPosition: 'Phó Chủ tịch UBND phường',
        leaderOrder: 9,
        duties: 'Phụ trách thử nghiệm.',
        officePhone: '024 0000 9999',
        officialEmail: 'phamvand@haibatrung.example.gov.vn',
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.data).toMatchObject({ leaderOrder: 9, officialEmail: 'phamvand@haibatrung.example.gov.vn' });
    });

    it('who steps down keeps their person page: leaderOrder cleared, position kept or emptied', async () => {
      const created = await post('attendees', { fullName: 'Vũ Thị E (thử)', currentPosition: 'Phó Chủ tịch UBND phường', leaderOrder: 8 });
      const { documentId } = created.body.data;
      const response = await put('attendees', documentId, { leaderOrder: null, currentPosition: '' });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.data.leaderOrder).toBeNull();
    });
  });

  describe('a rejected person write returns 400 naming the field and stores nothing', () => {
    const writes: Array<[string, Record<string, unknown>, string]> = [
      ['a leader without a position', { fullName: 'Lãnh đạo thiếu chức vụ', leaderOrder: 1 }, 'currentPosition'],
      ['a leader whose position is blank', { fullName: 'Lãnh đạo chức vụ trống', leaderOrder: 2, currentPosition: '  ' }, 'currentPosition'],
      ['an official email that is not one', { fullName: 'Người có thư sai', currentPosition: 'Chủ tịch', leaderOrder: 3, officialEmail: 'chu-tich@' }, 'officialEmail'],
      ['a leader order of 0', { fullName: 'Người thứ 0', currentPosition: 'Chủ tịch', leaderOrder: 0 }, 'leaderOrder'],
    ];

    it.each(writes)('%s', async (_label, data, field) => {
      const before = await cms.strapi.db.query(ATTENDEE).count();
      const response = await post('attendees', data);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain(field);
      expect(await cms.strapi.db.query(ATTENDEE).count()).toBe(before);
    });

    const updates: Array<[string, { currentPosition: string | null; leaderOrder: number | null }, Record<string, unknown>]> = [
      ['made a leader while they have no position', { currentPosition: null, leaderOrder: null }, { leaderOrder: 4 }],
      ["a leader's position emptied", { currentPosition: 'Chủ tịch UBND phường', leaderOrder: 5 }, { currentPosition: '' }],
    ];
    it.each(updates)('an update: %s; the person is unchanged', async (_label, start, change) => {
      const created = await post('attendees', { fullName: `Người cập nhật ${Math.random()}`, ...start });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { documentId } = created.body.data;
      const response = await put('attendees', documentId, change);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toEqual(['currentPosition']);
      const saved = await cms.strapi.documents(ATTENDEE).findOne({ documentId });
      expect({ currentPosition: saved?.currentPosition ?? null, leaderOrder: saved?.leaderOrder ?? null }).toEqual({
        currentPosition: start.currentPosition,
        leaderOrder: start.leaderOrder,
      });
    });
  });

  describe('profile pages form a tree', () => {
    it('a page goes under another, and moves to the top again', async () => {
      const top = await newPage('Trang cha (thử)');
      const child = await newPage('Trang con (thử)', top);
      expect(await parentOf(child)).toBe(top);
      const moved = await put('pages', child, { parent: null });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(await parentOf(child)).toBeNull();
    });

    type Loop = (chain: [string, string, string]) => [target: string, data: Record<string, unknown>];
    const loops: Array<[string, Loop]> = [
      ['its own parent', ([a]) => [a, { parent: a }]],
      ['under its own child', ([a, b]) => [a, { parent: b }]],
      ['under its grandchild, sent as connect', ([a, , c]) => [a, { parent: { connect: [{ documentId: c }] } }]],
      ['its own child', ([, , c]) => [c, { children: [c] }]],
      ['the parent of its grandparent', ([a, , c]) => [c, { children: { connect: [{ documentId: a }] } }]],
    ];
    it.each(loops)('refuses a page made %s (400 naming the field), and leaves the tree as it was', async (_label, write) => {
      const a = await newPage(`Cấp 1 ${Math.random()}`);
      const b = await newPage(`Cấp 2 ${Math.random()}`, a);
      const c = await newPage(`Cấp 3 ${Math.random()}`, b);
      const [target, data] = write([a, b, c]);
      const response = await put('pages', target, data);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toEqual(['children' in data ? 'children' : 'parent']);
      expect([await parentOf(a), await parentOf(b), await parentOf(c)]).toEqual([null, a, b]);
    });

    it('refuses an image without its alt text', async () => {
      const before = await cms.strapi.db.query(PAGE).count();
      const response = await post('pages', { title: 'Trang có ảnh thiếu mô tả', image: { image: photoId, alt: ' ' } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain('image.alt');
      expect(await cms.strapi.db.query(PAGE).count()).toBe(before);
    });
  });

  describe('the sample profile, imported on first boot', () => {
    it('is five published pages in order, the map under natural conditions, each marked where invented', async () => {
      const pages = await cms.strapi.documents(PAGE).findMany({
        status: 'published',
        filters: { slug: { $in: sample.pages.map((p) => p.key) } },
        populate: { parent: true, image: { populate: { image: true } } },
        sort: 'order:asc',
      });
      expect(pages.map((p) => p.slug).sort()).toEqual(sample.pages.map((p) => p.key).sort());
      for (const page of pages) expect(page.body, page.slug as string).toContain('Dữ liệu mẫu');
      const map = pages.find((p) => p.slug === 'ban-do-hanh-chinh')!;
      expect((map.parent as { slug: string }).slug).toBe('dieu-kien-tu-nhien-dien-tich-dan-so');
      const image = map.image as { alt: string; image: { mime: string; alternativeText: string } };
      expect(image.alt).toMatch(/^Bản đồ hành chính phường Hai Bà Trưng/);
      expect(image.image.mime).toBe('image/jpeg');
      expect(pages.find((p) => p.slug === 'co-cau-to-chuc')!.body).toMatch(/^- .+\n {2}- .+\n {4}- /m);
    });

    it('has three invented leaders in order, with fake contacts; the real officials of the 2021 article have none', async () => {
      const leaders = await cms.strapi.documents(ATTENDEE).findMany({ filters: { leaderOrder: { $notNull: true }, fullName: { $contains: 'Dữ liệu mẫu' } }, sort: 'leaderOrder:asc' });
      expect(leaders.map((l) => l.fullName)).toEqual(sample.leaders.map((l) => l.fullName));
      for (const leader of leaders) {
        expect(leader.officePhone).toMatch(/^024 0000 \d{4}$/);
        expect(leader.officialEmail).toMatch(/@[a-z.]*example\.gov\.vn$/);
        expect(leader.currentPosition).toBeTruthy();
      }
      for (const { fullName } of sampleContent.attendees) {
        const real = await cms.strapi.documents(ATTENDEE).findFirst({ filters: { slug: vietnameseSlug(fullName) } });
        expect(real, fullName).toBeTruthy();
        expect([real?.leaderOrder ?? null, real?.officePhone ?? null, real?.officialEmail ?? null], fullName).toEqual([null, null, null]);
      }
    });

    it('are read by the site token, and the Public role reads nothing', async () => {
      expect((await rest(`${cms.url}/api/pages`, { token: cms.siteToken })).body.data.length).toBeGreaterThanOrEqual(sample.pages.length);
      expect((await rest(`${cms.url}/api/pages`)).status).toBe(403);
    });
  });
}
