import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationOf } from '../../../cms/src/content-model/content-types.js';
import { previewLink } from '../../../cms/src/preview/preview-url.js';
import { adminLogin, createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { documentType } from '../../helpers/legal-documents.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { startPreviewServer, type TestPreviewServer } from '../../helpers/preview-server.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SECRET = 'bí-mật-xem-trước-của-phòng-văn-hóa-quận';
const SITE = 'http://portal.test';
const ARTICLE = 'api::article.article';
const CM = '/content-manager';

/**
 * Authors and editors save drafts through the admin API and ask for Strapi's Preview
 * link as the admin does: the link the CMS signs opens the publisher's preview, which renders the draft
 * with the live site's templates; the content the site is built from stays as published.
 */
describe('draft preview', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let preview: TestPreviewServer | undefined;
  let previewUrl: string;
  let authorToken: string;
  let editorToken: string;
  let sample: { documentId: string; title: string; slug: string };

  beforeAll(async () => {
    previewUrl = `http://127.0.0.1:${await freePort()}`;
    db = sqliteDatabase();
    cms = await bootStrapi(db, { PREVIEW_SECRET: SECRET, PREVIEW_URL: previewUrl });
    preview = await startPreviewServer({ cms, secret: SECRET, port: Number(new URL(previewUrl).port), siteUrl: SITE });

    authorToken = await adminUser('strapi-author', 'tacgia@hbt.example.vn');
    editorToken = await adminUser('strapi-editor', 'bientap@hbt.example.vn');
    sample = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published', fields: ['title', 'slug'] })) as never;
  }, 180_000);

  afterAll(async () => {
    await preview?.stop();
    await cms?.stop();
    await db?.drop();
  });

  async function adminUser(code: string, email: string): Promise<string> {
    await createAdminUser(cms, { code, email });
    return adminLogin(cms, email);
  }

  /** The link Strapi's "Xem trước" button opens, asked for as the admin UI asks. */
  async function linkFor(uid: string, documentId?: string, token = authorToken): Promise<string> {
    const query = new URLSearchParams({ status: 'draft', ...(documentId ? { documentId } : {}) });
    const answer = await rest(`${cms.url}${CM}/preview/url/${uid}?${query}`, { token });
    expect(answer.status).toBe(200);
    return answer.body.data.url;
  }

  it("shows an author's new draft in the preview, and never to the site build", async () => {
    const title = 'Phường Bạch Mai ra quân tổng vệ sinh môi trường';
    const created = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}`, {
      method: 'POST',
      token: authorToken,
      body: { title, lead: 'Sáng 6/3, hơn 500 người dân tham gia.', body: 'Đoàn viên, thanh niên và **người dân** cùng dọn dẹp ngõ phố.' },
    });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;

    const page = await fetch(await linkFor(ARTICLE, documentId));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
    expect(html).toContain('<strong>người dân</strong>');
    expect(html).toContain('Bản xem trước');
    expect((await rest(`${cms.url}/api/articles/${documentId}?status=draft`, { token: cms.siteToken })).status).toBe(404);
  });

  it("shows an editor's unsaved-to-live title change with the rest of the article, while the site keeps the published one", async () => {
    const draftTitle = 'Bản nháp: Hội nghị tổng kết công tác năm 2020 (sửa tiêu đề)';
    const saved = await rest(`${cms.url}${CM}/collection-types/${ARTICLE}/${sample.documentId}`, {
      method: 'PUT',
      token: editorToken,
      body: { title: draftTitle },
    });
    expect(saved.status).toBe(200);

    const link = await linkFor(ARTICLE, sample.documentId, editorToken);
    expect(link.startsWith(`${previewUrl}/ban-xem-truoc/tin-tuc/${sample.documentId}?`)).toBe(true);
    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(draftTitle);
    expect(html).toContain('Bản xem trước');
    expect(html).toContain('<meta name="robots" content="noindex">');
    // The same template as the live page: the officials, the tasks and the gallery of the sample.
    for (const text of ['Nguyễn Mạnh Quyền', 'Thành ủy viên, Phó Chủ tịch UBND thành phố', 'Một, tiếp tục quán triệt, triển khai, tuyên truyền', 'Một số hình ảnh tại Hội nghị']) {
      expect(html.normalize('NFC')).toContain(text);
    }
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${cms.url}`);

    const live = await rest(`${cms.url}/api/articles/${sample.documentId}?status=draft`, { token: cms.siteToken });
    expect(live.body.data.title).toBe(sample.title);
    const draft = await rest(`${cms.url}/api/articles/${sample.documentId}?status=draft`, { token: cms.previewToken });
    expect(draft.body.data.title).toBe(draftTitle);
  });

  it('loads the stylesheets, scripts and photos the preview page asks for, and sends other links to the live site', async () => {
    const html = await (await fetch(await linkFor(ARTICLE, sample.documentId, editorToken))).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/(?:_astro|scripts)\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect((await fetch(`${previewUrl}${asset}`)).status, asset).toBe(200);
    // Photos go through Astro's image endpoint, resized from the CMS's upload, as in a build.
    const image = /src="(\/_image\?[^"]+)"/.exec(html)?.[1]?.replaceAll('&#38;', '&').replaceAll('&amp;', '&');
    expect(image).toBeDefined();
    const photo = await fetch(`${previewUrl}${image}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toMatch(/^image\//);
    const nav = await fetch(`${previewUrl}/tin-tuc/`, { redirect: 'manual' });
    expect(nav.status).toBe(302);
    expect(nav.headers.get('location')).toBe(`${SITE}/tin-tuc/`);
  });

  it.each([
    ['a photo gallery', 'api::photo-gallery.photo-gallery', 'thu-vien-anh', 'Một số hình ảnh tại Hội nghị'],
    ['a key task, on its year page', 'api::resolution-task.resolution-task', 'nhiem-vu', 'Nhiệm vụ trọng tâm năm 2021'],
    ['the slogan banner (site settings)', 'api::site-setting.site-setting', 'bieu-ngu', 'KỶ CƯƠNG, TRÁCH NHIỆM, HÀNH ĐỘNG, SÁNG TẠO, PHÁT TRIỂN'],
  ])('previews %s', async (_name, uid, kind, expected) => {
    const entry = await cms.strapi.documents(uid as never).findFirst({});
    // Entries of the sample import: an editor's to preview (an author reads only their own).
    const link = await linkFor(uid, uid.includes('site-setting') ? undefined : entry!.documentId, editorToken);
    expect(new URL(link).pathname.startsWith(`/ban-xem-truoc/${kind}`)).toBe(true);
    const page = await fetch(link);
    const html = (await page.text()).normalize('NFC');
    expect(page.status).toBe(200);
    expect(html).toContain(expected);
    expect(html).toContain('Bản xem trước');
  });

  it('previews a draft legal document with the template of its page, which the site build cannot read', async () => {
    const type = await documentType(cms.strapi, 'Thông báo', 5);
    const draft = await cms.strapi.documents('api::legal-document.legal-document').create({
      data: {
        number: '07/2026/TB-UBND',
        documentType: type.documentId,
        issuingBody: 'UBND quận Hai Bà Trưng',
        signer: 'Lê Thị Hương',
        signerPosition: 'Chánh Văn phòng',
        issuedAt: '2026-11-20',
        summary: 'Thông báo lịch tiếp công dân tháng 12 năm 2026 (bản nháp)',
        subjectArea: 'Tiếp công dân',
        articles: [sample.documentId],
      } as never,
    });
    const link = await linkFor('api::legal-document.legal-document', draft.documentId, editorToken);
    expect(new URL(link).pathname).toBe(`/ban-xem-truoc/van-ban/${draft.documentId}`);
    const page = await fetch(link);
    const html = (await page.text()).normalize('NFC');
    expect(page.status).toBe(200);
    expect(html).toMatch(/<h1[^>]*>Thông báo 07\/2026\/TB-UBND<\/h1>/);
    for (const text of ['Thông báo lịch tiếp công dân tháng 12 năm 2026 (bản nháp)', 'Lê Thị Hương', 'Chánh Văn phòng', '20/11/2026', 'Còn hiệu lực', 'Tin bài liên quan', 'Bản xem trước']) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`href="/tin-tuc/${sample.slug}/"`);
    expect(html).toContain('"@type":"Legislation"');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect((await rest(`${cms.url}/api/legal-documents/${draft.documentId}?status=draft`, { token: cms.siteToken })).status).toBe(404);
  });

  const hour = 3_600_000;
  it.each([
    [
      'a profile page',
      'api::page.page',
      'gioi-thieu',
      { title: 'Lịch sử hình thành (bản nháp)', summary: 'Từ quận Hai Bà Trưng đến phường Hai Bà Trưng.', body: 'Ngày 1/7/2025, **phường Hai Bà Trưng** được thành lập.' },
      ['Lịch sử hình thành (bản nháp)', '<strong>phường Hai Bà Trưng</strong>'],
      null,
    ],
    [
      'a notice, with its alert banner',
      'api::notice.notice',
      'thong-bao',
      {
        title: 'Thông báo tạm dừng cổng thông tin để bảo trì (bản nháp)',
        kind: 'general',
        body: 'Cổng tạm dừng để **nâng cấp** máy chủ.',
        alertSeverity: 'urgent',
        alertText: 'Cổng tạm dừng từ 22 giờ đến 23 giờ (bản nháp)',
        alertStartsAt: new Date(Date.now() - hour).toISOString(),
        alertEndsAt: new Date(Date.now() + 48 * hour).toISOString(),
      },
      ['Thông báo tạm dừng cổng thông tin để bảo trì (bản nháp)', '<strong>nâng cấp</strong>'],
      'Cổng tạm dừng từ 22 giờ đến 23 giờ (bản nháp)',
    ],
    [
      'an administrative procedure',
      'api::procedure.procedure',
      'thu-tuc-hanh-chinh',
      {
        code: '1.001193',
        name: 'Đăng ký khai sinh (bản nháp)',
        subjectArea: 'Hộ tịch',
        level: 'partial_online',
        nationalPortalUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193',
        processingTime: 'Ngay trong ngày làm việc',
      },
      ['Đăng ký khai sinh (bản nháp)', '1.001193', 'Hộ tịch', 'href="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"'],
      null,
    ],
  ])('previews a draft of %s with the template of its page, which the site build cannot read', async (_name, uid, kind, data, expected, banner) => {
    const draft = await cms.strapi.documents(uid as never).create({ data: data as never });
    const link = await linkFor(uid, draft.documentId, editorToken);
    expect(new URL(link).pathname).toBe(`/ban-xem-truoc/${kind}/${draft.documentId}`);
    const page = await fetch(link);
    const html = (await page.text()).normalize('NFC');
    expect(page.status).toBe(200);
    for (const text of [...expected, 'Bản xem trước', '<meta name="robots" content="noindex">']) expect(html).toContain(text);
    // The site-wide alert banner, as the notice will show it on every page once published.
    const alerts = /<section class="alerts[^]*?<\/section>/.exec(html)?.[0];
    if (banner) expect(alerts).toMatch(new RegExp(`role="alert"[^]*${banner.replace(/[()]/g, '\\$&')}`));
    const restPath = declarationOf(uid)!.restPath;
    expect((await rest(`${cms.url}/api/${restPath}/${draft.documentId}?status=draft`, { token: cms.siteToken })).status).toBe(404);
  });

  it("previews the unit's settings: the header names the agency as just saved", async () => {
    const agencyName = 'Ủy ban nhân dân phường Thử Nghiệm';
    const saved = await rest(`${cms.url}${CM}/single-types/api::site-setting.site-setting`, { method: 'PUT', token: editorToken, body: { agencyName } });
    expect(saved.status).toBe(200);
    const page = await fetch(await linkFor('api::site-setting.site-setting', undefined, editorToken));
    const html = (await page.text()).normalize('NFC');
    expect(page.status).toBe(200);
    expect(/<header class="site-header[^]*?<\/header>/.exec(html)?.[0]).toContain(agencyName);
    expect(html).toContain('Bản xem trước');
  });

  it('refuses a link that is unsigned, altered or expired with 401', async () => {
    const link = new URL(await linkFor(ARTICLE, sample.documentId, editorToken));
    const other = (await cms.strapi.documents('api::photo-gallery.photo-gallery').findFirst({}))!.documentId;
    const altered = (change: (url: URL) => void) => {
      const url = new URL(link);
      change(url);
      return url.href;
    };
    const expired = previewLink(ARTICLE, { documentId: sample.documentId, status: 'draft' }, { baseUrl: previewUrl, secret: SECRET, now: new Date(Date.now() - 16 * 60_000) })!;
    const cases: [string, string][] = [
      ['unsigned', `${previewUrl}/ban-xem-truoc/tin-tuc/${sample.documentId}?status=draft`],
      ['another entry', altered((u) => (u.pathname = `/ban-xem-truoc/tin-tuc/${other}`))],
      ['another status', altered((u) => u.searchParams.set('status', 'published'))],
      ['a later expiry', altered((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600)))],
      ['a wrong signature', altered((u) => u.searchParams.set('signature', 'A'.repeat(43)))],
      ['expired', expired],
    ];
    for (const [name, url] of cases) {
      const answer = await fetch(url);
      expect(answer.status, name).toBe(401);
      expect(answer.headers.get('cache-control'), name).toBe('no-store');
      expect(await answer.text(), name).not.toContain(sample.title);
    }
  });

  it('signs no link without a preview for the type', async () => {
    const category = (await cms.strapi.documents('api::category.category').findFirst({}))!.documentId;
    const answer = await rest(`${cms.url}${CM}/preview/url/api::category.category?documentId=${category}&status=draft`, { token: editorToken });
    expect(answer.status).toBe(204);
  });
});
