import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewLink, PREVIEW_TTL_SECONDS } from '../../cms/src/preview/preview-url.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { startPreviewServer, type TestPreviewServer } from '../helpers/preview-server.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';
import { raw } from '../int/publisher/support/raw-http.js';

const SECRET = 'bí-mật-xem-trước-cho-kiểm-thử-tấn-công-0123456789';
const SITE = 'http://portal.test';
const ARTICLE = 'api::article.article';
const TITLE_A = 'Bản nháp A: kế hoạch chỉnh trang phố Huế';
const TITLE_B = 'Bản nháp B: dự thảo chưa được phép xem';

/**
 * Signed preview links turned against the real preview server and a real Strapi (issue 17,
 * suite item "preview links"): a link made by the CMS for draft A, bent to open draft B, to
 * outlive its expiry, or to carry extra, repeated or respelled parts. Each answer must be a
 * refusal (401), or the live site's redirect for paths that are not the preview's, never B's
 * draft and never a 500.
 */
describe('preview links under attack', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let preview: TestPreviewServer | undefined;
  let previewUrl: string;
  let a: string;
  let b: string;

  beforeAll(async () => {
    previewUrl = `http://127.0.0.1:${await freePort()}`;
    db = sqliteDatabase();
    cms = await bootStrapi(db, { PREVIEW_SECRET: SECRET, PREVIEW_URL: previewUrl });
    preview = await startPreviewServer({ cms, secret: SECRET, port: Number(new URL(previewUrl).port), siteUrl: SITE });
    const draft = async (title: string) =>
      (await cms.strapi.documents(ARTICLE).create({ data: { title, lead: 'Tóm tắt.', body: 'Nội dung **nháp**.' } as never })).documentId;
    a = await draft(TITLE_A);
    b = await draft(TITLE_B);
  }, 240_000);

  afterAll(async () => {
    await preview?.stop();
    await cms?.stop();
    await db?.drop();
  });

  /** A's link as the CMS signs it, split into path and query. */
  function linkA(now = new Date()): { path: string; query: URLSearchParams } {
    const url = new URL(previewLink(ARTICLE, { documentId: a, status: 'draft' }, { baseUrl: previewUrl, secret: SECRET, now })!);
    return { path: url.pathname, query: url.searchParams };
  }
  const open = (target: string) => raw(previewUrl, target);

  it("opens A's draft with A's link: the control", async () => {
    const { path, query } = linkA();
    const answer = await open(`${path}?${query}`);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain(TITLE_A);
  });

  const attacks: [string, () => string][] = [
    ["B's path with A's signature", () => `/ban-xem-truoc/tin-tuc/${b}?${linkA().query}`],
    ["a gallery path with A's signature", () => `/ban-xem-truoc/thu-vien-anh/${a}?${linkA().query}`],
    ['an expired link', () => {
      const { path, query } = linkA(new Date(Date.now() - (PREVIEW_TTL_SECONDS + 1) * 1000));
      return `${path}?${query}`;
    }],
    ['a link whose expiry was pushed later', () => {
      const { path, query } = linkA(new Date(Date.now() - (PREVIEW_TTL_SECONDS + 1) * 1000));
      query.set('expires', String(Math.floor(Date.now() / 1000) + 600));
      return `${path}?${query}`;
    }],
    ['a second status=published after the signed one', () => `${linkA().path}?${linkA().query}&status=published`],
    ['a status=published before the signed one', () => `${linkA().path}?status=published&${linkA().query}`],
    ['a second signature', () => `${linkA().path}?${linkA().query}&signature=x`],
    ['a second expiry', () => `${linkA().path}?${linkA().query}&expires=9999999999`],
    ["B's documentId as an extra parameter", () => `${linkA().path}?${linkA().query}&documentId=${b}`],
    ["B's path, A's query and A's path after ..", () => `/ban-xem-truoc/tin-tuc/${b}/..%2F${a}?${linkA().query}`],
    ['a trailing slash', () => `${linkA().path}/?${linkA().query}`],
    ['a doubled slash', () => `${linkA().path.replace('/tin-tuc/', '//tin-tuc/')}?${linkA().query}`],
    ['a percent-encoded letter in the id', () => `${linkA().path.slice(0, -1)}%${a.charCodeAt(a.length - 1).toString(16)}?${linkA().query}`],
    ["B's path without a signature", () => `/ban-xem-truoc/tin-tuc/${b}?status=draft`],
    ["B's path reached through ..", () => `/x/../ban-xem-truoc/tin-tuc/${b}?status=draft`],
    ['a backslash for a slash', () => `/ban-xem-truoc\\tin-tuc\\${b}?status=draft`],
    ['an upper-case prefix', () => `/BAN-XEM-TRUOC/tin-tuc/${b}?status=draft`],
    ['an encoded slash in the prefix', () => `/ban-xem-truoc%2Ftin-tuc%2F${b}?status=draft`],
    ['an encoded prefix', () => `/%62an-xem-truoc/tin-tuc/${b}?status=draft`],
  ];

  it.each(attacks)('refuses %s', async (_name, target) => {
    const answer = await open(target());
    const body = answer.body.toString();
    console.log(`${_name}: ${answer.status}`);
    expect([401, 302, 400, 404]).toContain(answer.status);
    expect(body).not.toContain(TITLE_B);
    // Only A's own link, respelled to the same path, may show A.
    if (answer.status !== 302) expect(body).not.toContain(TITLE_A);
    if (answer.status === 302) expect(String(answer.headers.location)).toMatch(/^http:\/\/portal\.test\//);
  });

  it("serves every image a real preview page asks for: the /_image checks let the templates' own requests through", async () => {
    const published = (await cms.strapi.documents(ARTICLE).findMany({ status: 'published', fields: ['documentId'], limit: 10 })) as unknown as { documentId: string }[];
    const images = new Set<string>();
    for (const { documentId } of published) {
      const url = new URL(previewLink(ARTICLE, { documentId, status: 'published' }, { baseUrl: previewUrl, secret: SECRET })!);
      const html = (await open(`${url.pathname}${url.search}`)).body.toString();
      for (const match of html.matchAll(/\/_image\?[^"\s,]+/g)) images.add(match[0].replace(/&(?:amp|#38|#x26);|\\u0026/gi, '&'));
    }
    expect(images.size).toBeGreaterThan(0);
    for (const target of [...images].slice(0, 12)) {
      const answer = await open(target);
      expect(answer.status, `${target}: ${answer.body.toString().slice(0, 200)}`).toBe(200);
      expect(String(answer.headers['content-type'])).toMatch(/^image\//);
    }
  });

  it('says an expired link has expired', async () => {
    const { path, query } = linkA(new Date(Date.now() - (PREVIEW_TTL_SECONDS + 1) * 1000));
    const answer = await open(`${path}?${query}`);
    expect(answer.status).toBe(401);
    expect(answer.body.toString()).toContain('hết hạn');
  });
});
