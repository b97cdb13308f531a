import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest } from '../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../helpers/test-database.js';

const ARTICLE = 'api::article.article';
const GALLERY = 'api::photo-gallery.photo-gallery';
const TASK = 'api::resolution-task.resolution-task';
const SETTINGS = 'api::site-setting.site-setting';

/** Each type's REST route, admin route and a valid entry the bad value is put into. */
const TYPES: Record<string, { rest: string; admin: string; valid: () => Record<string, unknown> }> = {
  [ARTICLE]: { rest: '/api/articles', admin: `/content-manager/collection-types/${ARTICLE}`, valid: () => ({ title: 'Tin nháp hợp lệ' }) },
  [GALLERY]: { rest: '/api/photo-galleries', admin: `/content-manager/collection-types/${GALLERY}`, valid: () => ({ title: 'Thư viện nháp hợp lệ' }) },
  [TASK]: { rest: '/api/resolution-tasks', admin: `/content-manager/collection-types/${TASK}`, valid: () => ({ title: 'Nhiệm vụ hợp lệ', year: 2030, order: 50 }) },
  [SETTINGS]: { rest: '/api/site-setting', admin: `/content-manager/single-types/${SETTINGS}`, valid: () => ({ portalName: 'Cổng thông tin' }) },
};

/** One bad value per kind of rule: [rule, type, bad data (image id given), field blamed]. */
const BAD_VALUES: Array<[string, string, (image: number) => Record<string, unknown>, string]> = [
  ['integer min (viewCount -1)', ARTICLE, () => ({ viewCount: -1 }), 'viewCount'],
  ['integer given as text under min', ARTICLE, () => ({ viewCount: '-5' }), 'viewCount'],
  ['integer max (year 2101)', TASK, () => ({ year: 2101 }), 'year'],
  ['integer min (order 0)', TASK, () => ({ order: 0 }), 'order'],
  ['text maxLength (title of 301 characters)', ARTICLE, () => ({ title: 'Đ'.repeat(301) }), 'title'],
  ['string maxLength in a repeatable component', ARTICLE, () => ({ attendees: [{ position: 'x'.repeat(256) }] }), 'attendees.0.position'],
  ['string maxLength in a single component', ARTICLE, () => ({ seo: { metaTitle: 'x'.repeat(71) } }), 'seo.metaTitle'],
  ['text maxLength in a photo', GALLERY, (image) => ({ photos: [{ image, alt: 'Ảnh', caption: 'c'.repeat(1001) }] }), 'photos.0.caption'],
  ['uid regex (slug)', ARTICLE, () => ({ slug: 'Tin Tức!' }), 'slug'],
  ['uid maxLength (slug)', GALLERY, () => ({ slug: 'a'.repeat(201) }), 'slug'],
  ['enumeration (task status)', TASK, () => ({ status: 'finished' }), 'status'],
  ['email format', SETTINGS, () => ({ email: 'không-phải-email' }), 'email'],
];

const blamed = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));

/**
 * Issue 17, item 4: every numeric, length, format and choice rule holds for drafts as for
 * published entries, through every write path: a 400 naming the field, and nothing stored.
 */
export function draftRulesSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let editor: string;
  let image: number;
  /** An existing draft (or entry, for types without drafts) of each type, for the update paths. */
  const existing: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    token = await cms.fullAccessToken();
    await createAdminUser(cms, { code: 'strapi-editor', email: 'bientap@hbt.example.vn' });
    editor = await adminLogin(cms, 'bientap@hbt.example.vn');
    image = (await cms.strapi.db.query('plugin::upload.file').findOne({ select: ['id'] })).id;
    existing[ARTICLE] = (await cms.strapi.documents(ARTICLE).create({ data: { title: 'Bản nháp có sẵn' } as never })).documentId;
    existing[GALLERY] = (await cms.strapi.documents(GALLERY).create({ data: { title: 'Thư viện nháp có sẵn' } as never })).documentId;
    existing[TASK] = (await cms.strapi.documents(TASK).create({ data: { title: 'Nhiệm vụ có sẵn', year: 2031, order: 1 } as never })).documentId;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  /** Every row with its components and relations, keys and lists in a stable order (PostgreSQL returns them in any). */
  const canonical = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
    if (value && typeof value === 'object') {
      return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
    }
    return JSON.stringify(value);
  };
  const snapshot = async (uid: string) => canonical(await cms.strapi.db.query(uid as never).findMany({ populate: true }));

  type Answer = { status: number; paths: string[] };
  const viaRest = async (method: string, path: string, body: unknown, as: string): Promise<Answer> => {
    const answer = await rest(`${cms.url}${path}`, { method, token: as, body });
    return { status: answer.status, paths: blamed(answer.body) };
  };
  const viaDocuments = async (write: () => Promise<unknown>): Promise<Answer> => {
    try {
      await write();
      return { status: 200, paths: [] };
    } catch (error) {
      const e = error as { name?: string; details?: { errors?: Array<{ path: unknown[] }> } };
      return { status: e.name === 'ValidationError' ? 400 : 500, paths: (e.details?.errors ?? []).map((x) => x.path.join('.')) };
    }
  };

  /** Every write path, as [label, write]; a path a type does not have (creating a single type) is left out. */
  const WRITE_PATHS: Array<[string, (uid: string, data: Record<string, unknown>) => Promise<Answer> | undefined]> = [
    ['REST create (full-access token, draft)', (uid, data) => (uid === SETTINGS ? undefined : viaRest('POST', `${TYPES[uid]!.rest}?status=draft`, { data }, token))],
    ['REST update of a draft (full-access token)', (uid, data) =>
      viaRest('PUT', uid === SETTINGS ? TYPES[uid]!.rest : `${TYPES[uid]!.rest}/${existing[uid]}?status=draft`, { data }, token)],
    ['admin create (editor)', (uid, data) => (uid === SETTINGS ? undefined : viaRest('POST', TYPES[uid]!.admin, data, editor))],
    ['admin update of a draft (editor)', (uid, data) => viaRest('PUT', uid === SETTINGS ? TYPES[uid]!.admin : `${TYPES[uid]!.admin}/${existing[uid]}`, data, editor)],
    ['Document Service create', (uid, data) => (uid === SETTINGS ? undefined : viaDocuments(() => cms.strapi.documents(uid as never).create({ data } as never)))],
    ['Document Service update', (uid, data) =>
      viaDocuments(async () => {
        const documentId = uid === SETTINGS ? (await cms.strapi.documents(SETTINGS).findFirst({}))!.documentId : existing[uid]!;
        return cms.strapi.documents(uid as never).update({ documentId, data } as never);
      })],
  ];

  describe.each(BAD_VALUES)('%s', (_rule, uid, bad, field) => {
    it.each(WRITE_PATHS)('%s → 400 naming the field, nothing stored', async (_path, write) => {
      const before = await snapshot(uid);
      const answer = await write(uid, { ...TYPES[uid]!.valid(), ...bad(image) });
      if (answer === undefined) return;
      expect(answer.status).toBe(400);
      expect(answer.paths).toContain(field);
      expect(await snapshot(uid)).toBe(before);
    });
  });

  it('still stores a valid draft on every path (the table above is not refusing everything)', async () => {
    for (const [label, write] of WRITE_PATHS) {
      const answer = await write(ARTICLE, { title: `Bản nháp hợp lệ (${label})`, viewCount: 0 });
      expect([200, 201], label).toContain(answer!.status);
    }
  });
}
