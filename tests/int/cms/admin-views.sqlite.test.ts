import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_LABELS, EDIT_LAYOUTS, ENTRY_TITLES } from '../../../cms/src/bootstrap/admin-labels.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

/** The admin, as the content manager's own API describes it to the UI. */
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

  it.each(Object.entries(ADMIN_LABELS))('labels every field of %s', async (uid, labels) => {
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

  it.each(Object.entries(ENTRY_TITLES))('heads each %s with its %s, not its id', async (uid, field) => {
    expect((await configuration(uid)).settings.mainField).toBe(field);
  });

  it('puts the officials, the tasks and the gallery right after the body of an article', async () => {
    const rows: { name: string }[][] = (await configuration('api::article.article')).layouts.edit;
    const names = rows.map((row) => row.map((field) => field.name));
    const body = names.findIndex((row) => row.includes('body'));
    expect(names.slice(body, body + 3)).toEqual([['body'], ['attendees'], ['resolutionTasks', 'galleries']]);
  });

  it.each(Object.keys(EDIT_LAYOUTS))('shows every field of %s once in its edit view, as laid out', async (uid) => {
    const rows: { name: string; size: number }[][] = (await configuration(uid)).layouts.edit;
    expect(rows.map((row) => row.map((f) => [f.name, f.size]))).toEqual(EDIT_LAYOUTS[uid]);
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

  it('keeps what an administrator changes later', async () => {
    const contentTypes = cms.strapi.plugin('content-manager').service('content-types');
    const article = contentTypes.findContentType('api::article.article');
    const current = await contentTypes.findConfiguration(article);
    await contentTypes.updateConfiguration(article, { ...current, layouts: { ...current.layouts, list: ['title', 'viewCount'] } });
    await cms.stop();
    cms = await bootStrapi(db, { SEED: 'false' });
    token = (await rest(`${cms.url}/admin/login`, { method: 'POST', body: admin })).body.data.token;
    expect((await configuration('api::article.article')).layouts.list).toEqual(['title', 'viewCount']);
  });
});
