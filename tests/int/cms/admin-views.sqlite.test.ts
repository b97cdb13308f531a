import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES, CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

/** The declared types whose schema Strapi loads (a declaration may run ahead of its schema). */
const LOADED = ALL_CONTENT_TYPES.filter((type) => {
  const name = type.uid.split('.')[1]!;
  return existsSync(path.join(repoRoot, 'cms/src/api', name, 'content-types', name, 'schema.json'));
});
const named = <T>(pick: (type: (typeof LOADED)[number]) => T | undefined) =>
  LOADED.flatMap((type) => {
    const value = pick(type);
    return value === undefined ? [] : [[type.uid, value] as const];
  });

/** The admin, as the content manager's own API describes it to the UI: each type's declaration (cms/src/content-model). */
describe('the admin speaks Vietnamese', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  const admin = { email: 'quantri@hbt.example.vn', password: 'Quan-tri-2026!' };

  const configuration = async (uid: string) =>
    (await rest(`${cms.url}/content-manager/content-types/${uid}/configuration`, { token })).body.data.contentType;

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db, { SEED: 'false', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    token = (await rest(`${cms.url}/admin/login`, { method: 'POST', body: admin })).body.data.token;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    for (const name of ['SEED', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) delete process.env[name];
  });

  it.each(named((type) => type.labels.fields))('labels every field of %s', async (uid, labels) => {
    const { metadatas } = await configuration(uid);
    for (const [field, [label, description]] of Object.entries(labels)) {
      expect(metadatas[field].edit.label, `${uid}.${field}`).toBe(label);
      expect(metadatas[field].edit.description ?? '').toBe(description);
    }
  });

  it('lists articles with title, category, date, schedule and views, newest first', async () => {
    const { layouts, settings, metadatas } = await configuration('api::article.article');
    expect(layouts.list).toEqual(['title', 'category', 'postedAt', 'publishAt', 'viewCount']);
    expect(settings).toMatchObject({ defaultSortBy: 'postedAt', defaultSortOrder: 'DESC' });
    expect(metadatas.category.list.mainField).toBe('name');
  });

  it.each(named((type) => type.admin.mainField))('heads each %s with its %s, not its id', async (uid, field) => {
    expect((await configuration(uid)).settings.mainField).toBe(field);
  });

  it('puts the officials, the tasks and the gallery right after the body of an article', async () => {
    const rows: { name: string }[][] = (await configuration('api::article.article')).layouts.edit;
    const names = rows.map((row) => row.map((field) => field.name));
    const body = names.findIndex((row) => row.includes('body'));
    expect(names.slice(body, body + 3)).toEqual([['body'], ['attendees'], ['resolutionTasks', 'galleries']]);
  });

  it.each(named((type) => type.admin.list))('lists %s with its declared columns and order', async (uid, list) => {
    const { layouts, settings } = await configuration(uid);
    expect(layouts.list).toEqual(list.columns);
    expect(settings).toMatchObject({ defaultSortBy: list.sortBy, defaultSortOrder: list.order });
  });

  it.each(named((type) => type.admin.relationMainFields))('names the relations of %s by their declared field', async (uid, mainFields) => {
    const { metadatas } = await configuration(uid);
    for (const [field, mainField] of Object.entries(mainFields)) {
      expect(metadatas[field].edit.mainField, `${uid}.${field}`).toBe(mainField);
      expect(metadatas[field].list.mainField, `${uid}.${field}`).toBe(mainField);
    }
  });

  it('does not repeat under the title what Strapi\'s own hint says (its max length)', async () => {
    const { metadatas } = await configuration('api::article.article');
    expect(metadatas.title.edit.description ?? '').not.toMatch(/300|ký tự/);
  });

  it.each(named((type) => type.admin.editLayout))('shows every field of %s once in its edit view, as laid out', async (uid, layout) => {
    const rows: { name: string; size: number }[][] = (await configuration(uid)).layouts.edit;
    expect(rows.map((row) => row.map((f) => [f.name, f.size]))).toEqual(layout);
    const editable = Object.entries(cms.strapi.contentType(uid as never).attributes)
      .filter(([, attribute]) => (attribute as { writable?: boolean }).writable !== false)
      .map(([name]) => name)
      .filter((name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name));
    expect(rows.flat().map((f) => f.name).sort()).toEqual(editable.sort());
  });

  it.each([
    ['Đại hội Đoàn phường Bạch Đằng lần thứ XV', 'dai-hoi-doan-phuong-bach-dang-lan-thu-xv'],
    ['  ', ''],
    ['', ''],
  ])('offers the slug of %j by the Vietnamese rule in the slug field', async (title, slug) => {
    const answer = await rest(`${cms.url}/content-manager/uid/generate`, {
      method: 'POST',
      token,
      body: { contentTypeUID: 'api::article.article', field: 'slug', data: { title } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBe(slug);
  });

  it('keeps what an administrator changes later, gives a type added later its view, labels a field added later, and retires help that repeated Strapi\'s hint', async () => {
    const contentTypes = cms.strapi.plugin('content-manager').service('content-types');
    const reconfigure = async (uid: string, change: (current: any) => any) => {
      const contentType = contentTypes.findContentType(uid);
      await contentTypes.updateConfiguration(contentType, change(await contentTypes.findConfiguration(contentType)));
    };
    await reconfigure('api::article.article', (current) => ({
      ...current,
      layouts: { ...current.layouts, list: ['title', 'viewCount'] },
      // What an install made before the declarations has under the title.
      metadatas: {
        ...current.metadatas,
        title: { ...current.metadatas.title, edit: { ...current.metadatas.title.edit, description: 'Tối đa 300 ký tự.' } },
        // A field added after the views were applied has Strapi's default label, its own name; one an administrator renamed keeps theirs.
        withdrawalReason: { edit: { ...current.metadatas.withdrawalReason.edit, label: 'withdrawalReason', description: '' }, list: { ...current.metadatas.withdrawalReason.list, label: 'withdrawalReason' } },
        lead: { ...current.metadatas.lead, edit: { ...current.metadatas.lead.edit, label: 'Tóm tắt' } },
      },
    }));
    // Categories as if their type had just been added: Strapi's default view, and not in the record of applied types.
    await reconfigure('api::category.category', (current) => ({ ...current, settings: { ...current.settings, mainField: 'id' } }));
    const marker = cms.strapi.store({ type: 'core', name: 'portal', key: 'admin-views-v2' });
    const applied = (await marker.get({})) as { at: string; types: string[] };
    expect(applied.types.sort()).toEqual(LOADED.map((type) => type.uid).sort());
    await marker.set({ value: { ...applied, types: applied.types.filter((uid) => uid !== 'api::category.category') } });

    await cms.stop();
    cms = await bootStrapi(db, { SEED: 'false' });
    token = (await rest(`${cms.url}/admin/login`, { method: 'POST', body: admin })).body.data.token;
    const article = await configuration('api::article.article');
    expect(article.layouts.list).toEqual(['title', 'viewCount']);
    expect(article.metadatas.title.edit.description ?? '').toBe('');
    expect(article.metadatas.withdrawalReason.edit).toMatchObject({ label: 'Lý do gỡ (khi gỡ bài)', description: CONTENT_TYPES.article.labels.fields.withdrawalReason[1] });
    expect(article.metadatas.lead.edit.label).toBe('Tóm tắt');
    expect((await configuration('api::category.category')).settings.mainField).toBe('name');
  });
});
