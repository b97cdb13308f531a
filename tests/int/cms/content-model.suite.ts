import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';
import { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';
import sample from '../../../cms/src/seed/sample-content.json' with { type: 'json' };

const ARTICLE = 'api::article.article';
const TASK = 'api::resolution-task.resolution-task';
const GALLERY = 'api::photo-gallery.photo-gallery';
const ATTENDEE = 'api::attendee.attendee';
const CATEGORY = 'api::category.category';
const SETTINGS = 'api::site-setting.site-setting';
const SAMPLE_SLUG =
  'quan-uy-hdnd-ubnd-uy-ban-mttq-viet-nam-quan-hai-ba-trung-to-chuc-hoi-nghi-tong-ket-phong-trao-thi-dua-nam-2020-va-trien-khai-cong-tac-thi-dua-nam-2021';

const FIELDS: Record<string, string[]> = {
  [ARTICLE]: ['title', 'slug', 'lead', 'body', 'postedAt', 'viewCount', 'featured', 'cover', 'category', 'attendees', 'resolutionTasks', 'galleries', 'seo'],
  [ATTENDEE]: ['fullName', 'slug', 'honorific', 'currentPosition', 'organisation', 'portrait', 'bio'],
  [TASK]: ['title', 'description', 'year', 'order', 'status', 'responsibleUnit', 'dueDate', 'sourceArticle'],
  [GALLERY]: ['title', 'slug', 'description', 'takenAt', 'photos', 'article'],
  [CATEGORY]: ['name', 'slug', 'description', 'order'],
  [SETTINGS]: ['portalName', 'slogan', 'sloganYear', 'address', 'phone', 'email', 'footerText'],
};

const ENDPOINT: Record<string, string> = {
  [ARTICLE]: 'articles',
  [ATTENDEE]: 'attendees',
  [TASK]: 'resolution-tasks',
  [GALLERY]: 'photo-galleries',
  [CATEGORY]: 'categories',
};

/** Everything the REST API answered, as a list of "a.b.c" paths it blamed. */
const blamedPaths = (body: any): string[] =>
  (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));

/** The content model, its rules, the sample import and the API's permissions, on one database. */
export function contentModelSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let imageId: number;
  let sampleArticle: string;

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    token = await cms.fullAccessToken();
    const file = await cms.strapi.db.query('plugin::upload.file').findOne({ select: ['id'] });
    imageId = file.id;
    sampleArticle = (await cms.strapi.documents(ARTICLE).findFirst({ filters: { slug: SAMPLE_SLUG } }))!.documentId;
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  describe('content types', () => {
    it.each(Object.entries(FIELDS))('%s has its fields', (uid, fields) => {
      const type = cms.strapi.contentType(uid as never);
      expect(type, uid).toBeDefined();
      expect(Object.keys(type.attributes)).toEqual(expect.arrayContaining(fields));
    });

    it('keeps the position held at each event on the article, not on the person', () => {
      const attendance = cms.strapi.components['event.attendance'];
      expect(Object.keys(attendance!.attributes)).toEqual(expect.arrayContaining(['person', 'position']));
    });
  });

  describe('a rejected write returns 400 naming the field and stores nothing', () => {
    const longTitle = 'Đ'.repeat(301);
    const badWrites: Array<[string, string, () => Record<string, unknown>, string]> = [
      ['article with an empty title', ARTICLE, () => ({ title: '  ' }), 'title'],
      ['article with a 301-character title', ARTICLE, () => ({ title: longTitle }), 'title'],
      ['article with a negative view count', ARTICLE, () => ({ title: 'Tin', viewCount: -1 }), 'viewCount'],
      ['article with a malformed slug', ARTICLE, () => ({ title: 'Tin', slug: 'Tin Tức!' }), 'slug'],
      ['article cover without alt text', ARTICLE, () => ({ title: 'Tin', cover: { image: imageId, alt: '' } }), 'cover.alt'],
      ['task numbered 0', TASK, () => ({ title: 'Nhiệm vụ', year: 2021, order: 0 }), 'order'],
      ['task without a year', TASK, () => ({ title: 'Nhiệm vụ', order: 9 }), 'year'],
      ['task with an unknown status', TASK, () => ({ title: 'Nhiệm vụ', year: 2021, order: 9, status: 'finished' }), 'status'],
      ['task reusing a number in its article and year', TASK, () => ({ title: 'Trùng số', year: 2021, order: 1, sourceArticle: sampleArticle }), 'order'],
      ['gallery photo without alt text', GALLERY, () => ({ title: 'Ảnh', photos: [{ image: imageId, caption: 'Chú thích' }] }), 'photos.0.alt'],
      ['person without a name', ATTENDEE, () => ({ fullName: '' }), 'fullName'],
      ['category without a name', CATEGORY, () => ({ name: '' }), 'name'],
    ];

    it.each(badWrites)('%s', async (_label, uid, data, field) => {
      const before = await cms.strapi.db.query(uid as never).count();
      const response = await rest(`${cms.url}/api/${ENDPOINT[uid]}`, { method: 'POST', token, body: { data: data() } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toContain(field);
      expect(await cms.strapi.db.query(uid as never).count()).toBe(before);
    });

    it('site settings with a malformed email', async () => {
      const before = await cms.strapi.documents(SETTINGS).findFirst();
      const response = await rest(`${cms.url}/api/site-setting`, { method: 'PUT', token, body: { data: { email: 'không-phải-email' } } });
      expect(response.status).toBe(400);
      expect(blamedPaths(response.body)).toContain('email');
      const settings = await cms.strapi.documents(SETTINGS).findFirst();
      expect(settings?.email).toBe(before?.email);
      expect(settings?.email).not.toBe('không-phải-email');
    });

    it('fills an empty slug from the title by the Vietnamese rule', async () => {
      const title = 'Đại hội Đoàn phường Bạch Đằng lần thứ XV';
      const response = await rest(`${cms.url}/api/articles`, { method: 'POST', token, body: { data: { title } } });
      expect(response.status).toBe(201);
      expect(response.body.data.slug).toBe('dai-hoi-doan-phuong-bach-dang-lan-thu-xv');

      // A published page keeps its address when its title is corrected; only an emptied slug is refilled.
      const { documentId } = response.body.data;
      const renamed = await rest(`${cms.url}/api/articles/${documentId}`, { method: 'PUT', token, body: { data: { title: `${title} (đính chính)` } } });
      expect(renamed.body.data.slug).toBe('dai-hoi-doan-phuong-bach-dang-lan-thu-xv');
      const emptied = await rest(`${cms.url}/api/articles/${documentId}`, { method: 'PUT', token, body: { data: { title: `${title} (đính chính)`, slug: '' } } });
      expect(emptied.body.data.slug).toBe('dai-hoi-doan-phuong-bach-dang-lan-thu-xv-dinh-chinh');
      await cms.strapi.documents(ARTICLE).delete({ documentId });
    });
  });

  describe('uploads take photos (and documents, tests/int/cms/legal-documents.suite.ts), by content', () => {
    const upload = async (name: string, type: string, content: string | Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.append('files', new Blob([content], { type }), name);
      return fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    };

    it.each([
      ['an SVG with a script', 'logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['an HTML page', 'trang.html', 'text/html', '<!doctype html><script>alert(1)</script>'],
      ['a shell script', 'cai-dat.sh', 'application/x-sh', '#!/bin/sh\necho pwned\n'],
      ['a PDF named as a photo', 'anh.jpg', 'image/jpeg', '%PDF-1.4\n%%EOF\n'],
      ['a page named as a photo', 'anh.png', 'image/png', '<!doctype html><script>alert(1)</script>'],
    ])('refuses %s', async (_label, name, type, content) => {
      const before = await cms.strapi.db.query('plugin::upload.file').count();
      const response = await upload(name, type, content);
      expect(response.status).toBe(400);
      expect(await cms.strapi.db.query('plugin::upload.file').count()).toBe(before);
    });

    it('accepts a JPEG photo', async () => {
      const jpeg = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#a50e0e' } }).jpeg().toBuffer());
      const response = await upload('anh.jpg', 'image/jpeg', jpeg);
      expect(response.status).toBe(201);
    });

    it('answers a revalidation of an unchanged photo with 304, so a site build need not fetch it again', async () => {
      const file = await cms.strapi.db.query('plugin::upload.file').findOne({ where: { provider: 'local' }, select: ['url'] });
      const first = await fetch(`${cms.url}${file.url}`);
      expect(first.status).toBe(200);
      const lastModified = first.headers.get('last-modified')!;
      expect(lastModified).toBeTruthy();
      // As Astro's image cache asks (cache: 'no-cache' sends Cache-Control: max-age=0).
      const revalidate = (since: string) => fetch(`${cms.url}${file.url}`, { headers: { 'If-Modified-Since': since }, cache: 'no-cache' });
      const unchanged = await revalidate(lastModified);
      expect([unchanged.status, (await unchanged.arrayBuffer()).byteLength]).toEqual([304, 0]);
      const older = await revalidate(new Date(Date.parse(lastModified) - 60_000).toUTCString());
      expect([older.status, (await older.arrayBuffer()).byteLength]).toEqual([200, (await first.arrayBuffer()).byteLength]);
    });
  });

  describe('the sample article, imported on first boot', () => {
    const populate = {
      category: true,
      cover: { populate: { image: true } },
      attendees: { populate: { person: true } },
      resolutionTasks: true,
      galleries: { populate: { photos: { populate: { image: true } } } },
    } as const;

    it('is published with its date, views, lead, body and category', async () => {
      const article = await cms.strapi.documents(ARTICLE).findFirst({ filters: { slug: SAMPLE_SLUG }, status: 'published', populate });
      expect(article).toBeTruthy();
      expect(article!.slug).toBe(vietnameseSlug(sample.article.title));
      expect(article!.title).toBe(sample.article.title);
      expect(new Date(article!.postedAt as string).toISOString()).toBe('2021-01-29T08:53:00.000Z');
      expect(article!.viewCount).toBe(825);
      expect(article!.lead).toMatch(/^Ngày 29\/01\/2021, Quận ủy/);
      expect(article!.body).toContain('10,235 tỷ đồng');
      expect(article!.body).toContain('12.817 tỷ đồng');
      expect((article!.category as { name: string }).name).toBe('Tin hoạt động');
      expect((article!.cover as { caption: string; image: { url: string } }).caption).toBe(
        'Đồng chí Nguyễn Mạnh Quyền - Thành ủy viên, Phó Chủ tịch UBND thành phố về dự và chỉ đạo hội nghị',
      );
    });

    it('lists its four officials in order, each with the position held at the event', async () => {
      const article = await cms.strapi.documents(ARTICLE).findFirst({ filters: { slug: SAMPLE_SLUG }, status: 'published', populate });
      const attendees = (article!.attendees as Array<{ position: string; person: { fullName: string } }>).map((a) => [a.person.fullName, a.position]);
      expect(attendees).toEqual([
        ['Nguyễn Mạnh Quyền', 'Thành ủy viên, Phó Chủ tịch UBND thành phố'],
        ['Đinh Việt Thắng', 'Phó Trưởng Ban thi đua khen thưởng Thành phố'],
        ['Trần Quyết Thắng', 'Phó Bí thư thường trực, Chủ tịch HĐND quận'],
        ['Nguyễn Quang Trung', 'Phó Bí thư Quận ủy, Chủ tịch UBND quận'],
      ]);
    });

    it("numbers the 2021 key tasks in the seed's order", async () => {
      const tasks = await cms.strapi.documents(TASK).findMany({
        filters: { sourceArticle: { documentId: sampleArticle } },
        sort: 'order:asc',
      });
      expect(tasks.map((t) => [t.year, t.order])).toEqual([1, 2, 3, 4, 5].map((n) => [2021, n]));
      expect(tasks[0]!.description).toMatch(/^Một, tiếp tục quán triệt/);
      expect(tasks[1]!.description).toMatch(/^Hai, Tiếp tục phát động/);
    });

    it('has a gallery of at least three captioned photos with alt text', async () => {
      const gallery = await cms.strapi.documents(GALLERY).findFirst({
        filters: { article: { documentId: sampleArticle } },
        status: 'published',
        populate: { photos: { populate: { image: true } } },
      });
      const photos = gallery!.photos as Array<{ caption: string; alt: string; image: { mime: string } }>;
      expect(photos.length).toBeGreaterThanOrEqual(3);
      for (const photo of photos) {
        expect(photo.caption).toBeTruthy();
        expect(photo.alt).toMatch(/giữ chỗ/);
        expect(photo.image.mime).toBe('image/jpeg');
      }
    });

    it('puts the year slogan in the site settings', async () => {
      const settings = await cms.strapi.documents(SETTINGS).findFirst();
      expect(settings).toMatchObject({ slogan: 'KỶ CƯƠNG, TRÁCH NHIỆM, HÀNH ĐỘNG, SÁNG TẠO, PHÁT TRIỂN', sloganYear: 2021 });
    });
  });

  describe('who reads what', () => {
    it.each(['articles', 'attendees', 'resolution-tasks', 'photo-galleries', 'categories', 'site-setting'])(
      'the Public role reads nothing from /api/%s',
      async (endpoint) => {
        expect((await rest(`${cms.url}/api/${endpoint}`)).status).toBe(403);
      },
    );

    it('the read-only token reads published entries and never a draft, even with ?status=draft', async () => {
      const draft = await cms.strapi.documents(ARTICLE).create({ data: { title: 'Bản nháp chưa duyệt' } });
      try {
        for (const query of ['', '?status=draft', '?status=published']) {
          const list = await rest(`${cms.url}/api/articles${query}`, { token: cms.siteToken });
          expect(list.status).toBe(200);
          const ids = list.body.data.map((a: { documentId: string }) => a.documentId);
          expect(ids).toContain(sampleArticle);
          expect(ids).not.toContain(draft.documentId);
          expect(list.body.data.every((a: { publishedAt: string | null }) => a.publishedAt)).toBe(true);
        }
        const one = await rest(`${cms.url}/api/articles/${draft.documentId}?status=draft`, { token: cms.siteToken });
        expect(one.status).toBe(404);
      } finally {
        await cms.strapi.documents(ARTICLE).delete({ documentId: draft.documentId });
      }
    });

    it('the read-only token cannot write', async () => {
      const response = await rest(`${cms.url}/api/articles`, { method: 'POST', token: cms.siteToken, body: { data: { title: 'x' } } });
      expect(response.status).toBe(403);
    });

    it.each(['articles', 'attendees', 'resolution-tasks', 'photo-galleries', 'categories', 'site-setting'])(
      'no private field leaves /api/%s',
      async (endpoint) => {
        const response = await rest(`${cms.url}/api/${endpoint}?populate=*`, { token: cms.siteToken });
        expect(response.status).toBe(200);
        const text = JSON.stringify(response.body);
        for (const field of ['createdBy', 'updatedBy', 'password', 'resetPasswordToken', 'accessKey']) {
          expect(text).not.toContain(`"${field}"`);
        }
      },
    );
  });

  describe('a second boot', () => {
    it('imports nothing and keeps what an editor changed', async () => {
      const edited = 'Tiêu đề do biên tập viên sửa';
      await cms.strapi.documents(ARTICLE).update({ documentId: sampleArticle, data: { title: edited } as never });
      await cms.strapi.documents(ARTICLE).publish({ documentId: sampleArticle });
      const uids = [ARTICLE, ATTENDEE, TASK, GALLERY, CATEGORY, SETTINGS, 'plugin::upload.file'];
      const counts = async () => Promise.all(uids.map((uid) => cms.strapi.db.query(uid as never).count()));
      const before = await counts();

      await cms.stop();
      cms = await bootStrapi(db);

      expect(await counts()).toEqual(before);
      const article = await cms.strapi.documents(ARTICLE).findOne({ documentId: sampleArticle, status: 'published' });
      expect(article?.title).toBe(edited);
    });
  });
}
