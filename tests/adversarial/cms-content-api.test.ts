import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const ARTICLE = 'api::article.article';
const GALLERY = 'api::photo-gallery.photo-gallery';

const DRAFT_TITLE = 'BẢN NHÁP MẬT: kế hoạch giải phóng mặt bằng chưa công bố';
const NEWER_DRAFT_TITLE = 'BẢN NHÁP MẬT: tiêu đề sửa chưa duyệt';
const DRAFT_GALLERY_TITLE = 'BẢN NHÁP MẬT: ảnh chưa duyệt';
const DRAFT_FILE = 'anh-chi-dung-trong-ban-nhap';

type TokenName = 'none' | 'site' | 'preview' | 'full';

/** Every Content API route of every type: [label, path segments after /api]. */
interface Route {
  label: string;
  segments: () => string[];
}

/** Spellings a router that matches case-insensitively, or a proxy, may take as the same route. */
const SPELLINGS: Array<[string, (segments: string[]) => string]> = [
  ['canonical', (s) => `/api/${s.join('/')}`],
  ['upper-case prefix', (s) => `/API/${s.join('/')}`],
  ['mixed case', (s) => `/aPi/${[s[0]![0]!.toUpperCase() + s[0]!.slice(1), ...s.slice(1)].join('/')}`],
  ['double slash', (s) => `/api//${s.join('/')}`],
  ['trailing slash', (s) => `/api/${s.join('/')}/`],
  ['percent-encoded letter', (s) => `/api/%${s[0]!.charCodeAt(0).toString(16)}${[s[0]!.slice(1), ...s.slice(1)].join('/')}`],
  ['matrix parameter', (s) => `/api/${s.join('/')};x`],
  ['encoded slash', (s) => `/api/${s.join('%2F')}`],
  ['encoded dot segment', (s) => `/api/%2e%2e/api/${s.join('/')}`],
];

const QUERIES = [
  '',
  'status=draft',
  'status=DRAFT',
  'status[]=draft',
  'status=draft&status=draft',
  'publicationState=preview',
  'filters[publishedAt][$null]=true',
  'populate=*&status=draft',
  'status=draft&populate[cover][populate]=image',
];

/**
 * Issue 17, item 1: the Content API answers published content only, whatever the route's
 * spelling, method, parameters or token; the preview token alone reads drafts, and the site
 * token reads our content types and nothing else. Full-access tokens (made by a super admin
 * for scripts) write, but read published content like every other token.
 */
describe('the Content API never serves a draft except to the preview token', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  const tokens: Record<TokenName, string | undefined> = { none: undefined, site: undefined, preview: undefined, full: undefined };
  let draftId: string;
  let newerDraftId: string;
  let draftGalleryId: string;
  let sampleId: string;
  let secrets: string[];
  const firstOf: Record<string, string> = {};

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${cms.url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, text: `${JSON.stringify(Object.fromEntries((response.headers as unknown as { entries(): Iterable<[string, string]> }).entries()))}\n${text}` };
  }

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    tokens.site = cms.siteToken;
    tokens.preview = cms.previewToken;
    tokens.full = await cms.fullAccessToken();

    // A photo used by the draft alone.
    const form = new FormData();
    const jpeg = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0e5aa5' } }).jpeg().toBuffer());
    form.append('files', new Blob([jpeg], { type: 'image/jpeg' }), `${DRAFT_FILE}.jpg`);
    const uploaded = await fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.full}` }, body: form });
    expect(uploaded.status).toBe(201);
    const [file] = (await uploaded.json()) as Array<{ id: number; hash: string }>;

    const category = (await cms.strapi.documents('api::category.category').findFirst({}))!;
    const sample = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published' }))!;
    sampleId = sample.documentId;
    draftId = (
      await cms.strapi.documents(ARTICLE).create({
        data: { title: DRAFT_TITLE, category: category.documentId, cover: { image: file!.id, alt: 'Ảnh bản nháp' } } as never,
      })
    ).documentId;
    const newer = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Tin đã đăng, có bản nháp mới hơn', category: category.documentId } as never });
    newerDraftId = newer.documentId;
    await cms.strapi.documents(ARTICLE).publish({ documentId: newerDraftId });
    await cms.strapi.documents(ARTICLE).update({ documentId: newerDraftId, data: { title: NEWER_DRAFT_TITLE } as never });
    draftGalleryId = (await cms.strapi.documents(GALLERY).create({ data: { title: DRAFT_GALLERY_TITLE, article: sampleId } as never })).documentId;
    secrets = [DRAFT_TITLE, NEWER_DRAFT_TITLE, DRAFT_GALLERY_TITLE, draftId, draftGalleryId, DRAFT_FILE, file!.hash];

    for (const uid of ['api::attendee.attendee', 'api::resolution-task.resolution-task', 'api::category.category']) {
      firstOf[uid] = (await cms.strapi.documents(uid as never).findFirst({}))!.documentId;
    }
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  const ROUTES: Route[] = [
    { label: 'article list', segments: () => ['articles'] },
    { label: 'draft-only article', segments: () => ['articles', draftId] },
    { label: 'article with a newer draft', segments: () => ['articles', newerDraftId] },
    { label: 'gallery list', segments: () => ['photo-galleries'] },
    { label: 'draft-only gallery', segments: () => ['photo-galleries', draftGalleryId] },
    { label: 'attendee list', segments: () => ['attendees'] },
    { label: 'one attendee', segments: () => ['attendees', firstOf['api::attendee.attendee']!] },
    { label: 'task list', segments: () => ['resolution-tasks'] },
    { label: 'one task', segments: () => ['resolution-tasks', firstOf['api::resolution-task.resolution-task']!] },
    { label: 'category list', segments: () => ['categories'] },
    { label: 'one category', segments: () => ['categories', firstOf['api::category.category']!] },
    { label: 'site settings', segments: () => ['site-setting'] },
  ];

  const leaked = (text: string) => secrets.filter((secret) => text.includes(secret));

  it('is a test that can fail: the preview token does read the drafts', async () => {
    const list = await call('GET', '/api/articles?status=draft&populate[cover][populate]=image', tokens.preview);
    expect(list.status).toBe(200);
    expect(leaked(list.text)).toEqual(expect.arrayContaining([DRAFT_TITLE, NEWER_DRAFT_TITLE, draftId, DRAFT_FILE]));
    const gallery = await call('GET', `/api/photo-galleries/${draftGalleryId}?status=draft`, tokens.preview);
    expect(gallery.text).toContain(DRAFT_GALLERY_TITLE);
  });

  describe.each(['none', 'site', 'full', 'preview'] as TokenName[])('with token %s', (tokenName) => {
    it.each(ROUTES.map((route) => [route.label, route] as const))('%s: every spelling, query and read method', async (_label, route) => {
      const failures: string[] = [];
      for (const [spellingName, spell] of SPELLINGS) {
        const path = spell(route.segments());
        // The preview token reads drafts when it asks; it must still get published content when it does not.
        const queries = tokenName === 'preview' ? ['', 'status=published', 'status=PUBLISHED'] : QUERIES;
        for (const query of queries) {
          for (const method of ['GET', 'HEAD', 'OPTIONS']) {
            const url = query ? `${path}?${query}` : path;
            const answer = await call(method, url, tokens[tokenName]);
            const found = leaked(answer.text);
            if (found.length > 0) failures.push(`${method} ${url} (${spellingName}) → ${answer.status} leaks ${found.join(', ')}`);
            if (answer.status >= 500) failures.push(`${method} ${url} → ${answer.status}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe.each(['none', 'site', 'preview'] as TokenName[])('read-only token %s cannot write', (tokenName) => {
    it.each(ROUTES.map((route) => [route.label, route] as const))('%s: POST, PUT and DELETE in every spelling', async (_label, route) => {
      const before = await cms.strapi.db.query(ARTICLE).count();
      const failures: string[] = [];
      for (const [, spell] of SPELLINGS) {
        const path = spell(route.segments());
        for (const [method, query] of [['POST', ''], ['POST', '?status=draft'], ['PUT', ''], ['PUT', '?status=draft'], ['DELETE', ''], ['DELETE', '?status=draft']] as const) {
          const answer = await call(method, `${path}${query}`, tokens[tokenName], method === 'DELETE' ? undefined : { data: { title: 'Bị sửa trái phép', portalName: 'Bị sửa' } });
          if (![401, 403, 404, 405].includes(answer.status)) failures.push(`${method} ${path}${query} → ${answer.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await cms.strapi.db.query(ARTICLE).count()).toBe(before);
      const sample = await cms.strapi.documents(ARTICLE).findOne({ documentId: sampleId, status: 'published' });
      expect(sample?.title).not.toBe('Bị sửa trái phép');
      expect(await cms.strapi.documents(ARTICLE).findOne({ documentId: draftId })).toMatchObject({ title: DRAFT_TITLE });
      const settings = await cms.strapi.documents('api::site-setting.site-setting').findFirst({});
      expect(settings?.portalName).not.toBe('Bị sửa');
    });
  });

  describe.each(['site', 'preview'] as TokenName[])('the %s token reads our content types and nothing else', (tokenName) => {
    const PLUGIN_ROUTES = [
      '/api/upload/files',
      '/api/upload/files/1',
      '/API/upload/files',
      '/api/upload/files?filters[name][$contains]=anh',
      '/api/upload/files?populate=*',
      '/api/users',
      '/api/users/me',
      '/api/users/1',
      '/api/users-permissions/roles',
      '/api/Users-Permissions/roles',
      '/api/i18n/locales',
    ];
    it.each(PLUGIN_ROUTES)('%s → 401 or 403', async (path) => {
      const answer = await call('GET', path, tokens[tokenName]);
      expect([401, 403], `${path} → ${answer.status}`).toContain(answer.status);
      expect(leaked(answer.text)).toEqual([]);
    });
  });

  it('the site token reads every published entry of every type (what the site build needs)', async () => {
    for (const [path, expected] of [
      ['/api/articles?populate=*', sampleId],
      ['/api/articles?populate=*', newerDraftId],
      [`/api/categories/${firstOf['api::category.category']}`, firstOf['api::category.category']],
      ['/api/attendees', firstOf['api::attendee.attendee']],
      ['/api/resolution-tasks', firstOf['api::resolution-task.resolution-task']],
      ['/api/photo-galleries?populate[photos][populate]=image', '"url":"/uploads/'],
      ['/api/site-setting', 'portalName'],
    ] as const) {
      const answer = await call('GET', path, tokens.site);
      expect(answer.status, path).toBe(200);
      expect(answer.text, path).toContain(expected);
    }
  });

  it('holds in the Document Service when the site token is given a write permission by hand', async () => {
    const stored = await cms.strapi.db.query('admin::api-token').findOne({ where: { name: 'site-build (read-only)' } });
    const granted = await cms.strapi.db.query('admin::api-token-permission').create({ data: { action: `${ARTICLE}.create`, token: stored.id } });
    try {
      const before = await cms.strapi.db.query(ARTICLE).count();
      const answer = await call('POST', '/api/articles?status=draft', tokens.site, { data: { title: 'Bài do token chỉ đọc viết' } });
      expect(answer.status).toBe(403);
      expect(await cms.strapi.db.query(ARTICLE).count()).toBe(before);
    } finally {
      await cms.strapi.db.query('admin::api-token-permission').delete({ where: { id: granted.id } });
    }
  });

  it('full-access tokens write (a script importing news), and the rules still apply', async () => {
    const created = await call('POST', '/api/articles?status=draft', tokens.full, { data: { title: 'Tin nhập bằng script' } });
    expect(created.status).toBe(201);
    const { documentId } = JSON.parse(created.text.slice(created.text.indexOf('\n') + 1)).data;
    // Written as a draft, so the same token does not read it back through the Content API.
    expect((await call('GET', `/api/articles/${documentId}?status=draft`, tokens.full)).status).toBe(404);
    await cms.strapi.documents(ARTICLE).delete({ documentId });
  });
});
