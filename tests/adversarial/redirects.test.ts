import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { adminLogin, createAdminUser } from '../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { rest, type RestResponse } from '../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const REDIRECT = CONTENT_TYPES.redirect.uid;
const CM = `/content-manager/collection-types/${REDIRECT}`;
const ALLOWED = 'dichvucong.gov.vn';

/** Where a hostile `to` tries to send a citizen: another site, a script, or ours over plain http. */
const OPEN_REDIRECTS: string[] = [
  '//evil.example/',
  '///evil.example/',
  '/\\evil.example/',
  '\\\\evil.example/',
  '/%2F%2Fevil.example/',
  '/%5Cevil.example/',
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  `http://${ALLOWED}/`,
  'https://evil.example/',
  `https://${ALLOWED}@evil.example/`,
  `https://${ALLOWED}:x@evil.example/`,
  `https://evil.example#@${ALLOWED}/`,
  `https://evil.example\\@${ALLOWED}/`,
  `https://${ALLOWED}.evil.example/`,
  `https://evil${ALLOWED}/`,
  `https://${ALLOWED}:8443/`,
  `https:${ALLOWED}/`,
  `https:/${ALLOWED}/`,
  `https://\t${ALLOWED}/`,
  `https://${ALLOWED}\n.evil.example/`,
  `ftp://${ALLOWED}/`,
  `tin-tuc/bai/`,
];

/** A `from` that is no path of this site's own pages, or one it keeps for itself. */
const BAD_FROM: string[] = [
  'https://evil.example/tin-tuc/a/',
  '//evil.example/a/',
  'tin-tuc/a/',
  '/tin-tuc/../admin/',
  '/tin-tuc/%2e%2e/admin/',
  '/tin-tuc/./a/',
  '/tin-tuc/a%2Fb/',
  '/tin-tuc/a%5Cb/',
  '/tin-tuc/a/?ref=1',
  '/tin-tuc/a/#top',
  '/tin-tuc/%ZZ/',
  '/tin-tuc/a\u0000b/',
  '/tin-tuc/a%00b/',
  '/_astro/index.js',
  '/pagefind/pagefind.js',
  '/ban-xem-truoc/tin-tuc/abc',
  '/',
  '',
];

/**
 * Issue 20 §3: a redirect is live the moment it is saved, so it is where an attacker (or a
 * careless paste) would turn the portal into an open redirect, a loop, or a path over the
 * site's own assets. Each attempt, through the admin API an editor's browser calls and through
 * REST with a full-access token, is a 400 naming the field, or a 403, and the table is as it was.
 */
describe('redirects: no open redirect, no loop, no reserved path, editors only', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;
  let editor: string;
  let author: string;

  const table = async () => JSON.stringify(await cms.strapi.db.query(REDIRECT as never).findMany({ orderBy: { id: 'asc' } }));
  const WAYS: [way: string, send: (data: Record<string, unknown>) => Promise<RestResponse>][] = [
    ['the admin API, as an editor', (data) => rest(`${cms.url}${CM}`, { method: 'POST', token: editor, body: data })],
    ['REST, with a full-access token', (data) => rest(`${cms.url}/api/redirects`, { method: 'POST', token, body: { data } })],
  ];

  /** Refused with a 400 naming `field`, by both ways, and nothing stored. */
  async function refused(data: Record<string, unknown>, field: string): Promise<void> {
    const before = await table();
    for (const [way, send] of WAYS) {
      const answer = await send(data);
      expect(answer.status, `${way}: ${JSON.stringify(data)} → ${JSON.stringify(answer.body)}`).toBe(400);
      expect(answer.body.error.details.errors[0].path, way).toEqual([field]);
    }
    expect(await table()).toBe(before);
  }

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db, { SEED: 'false', REDIRECT_ALLOWED_HOSTS: ALLOWED });
    token = await cms.fullAccessToken();
    await createAdminUser(cms, { code: 'strapi-editor', email: 'bientap.tancong@hbt.example.vn' });
    await createAdminUser(cms, { code: 'strapi-author', email: 'tacgia.tancong@hbt.example.vn' });
    editor = await adminLogin(cms, 'bientap.tancong@hbt.example.vn');
    author = await adminLogin(cms, 'tacgia.tancong@hbt.example.vn');
    for (const data of [
      { from: '/vong/a/', to: '/vong/b/', code: 301 },
      { from: '/vong/b/', to: '/vong/c/', code: 301 },
      { from: '/co-san/', to: `https://${ALLOWED}/`, code: 302 },
    ]) {
      const answer = await rest(`${cms.url}${CM}`, { method: 'POST', token: editor, body: data });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    delete process.env.SEED;
    delete process.env.REDIRECT_ALLOWED_HOSTS;
  });

  it.each(OPEN_REDIRECTS)('refuses `to` %j', async (to) => {
    await refused({ from: '/tan-cong/mo/', to, code: 301 }, 'to');
  });

  it('accepts the allowed host over https, and a path of the site: the attacks above are refused for what they are', async () => {
    for (const [i, to] of [`https://${ALLOWED}/p/home/`, '/tin-tuc/'].entries()) {
      const answer = await rest(`${cms.url}${CM}`, { method: 'POST', token: editor, body: { from: `/duoc-phep/${i}/`, to, code: 302 } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
  });

  it.each(BAD_FROM)('refuses `from` %j', async (from) => {
    await refused({ from, to: '/tin-tuc/', code: 301 }, 'from');
  });

  it.each([
    ['a loop back to itself', { from: '/vong/z', to: '/vong/z/', code: 301 }, 'to'],
    ['a loop round the chain', { from: '/vong/c/', to: '/vong/a/', code: 301 }, 'to'],
    ['a loop round the chain, spelt otherwise', { from: '/vong/%63', to: '/vong/a', code: 302 }, 'to'],
    ['a second redirect from a path that has one, spelt otherwise', { from: '/vong/%61', to: '/tin-tuc/', code: 301 }, 'from'],
    ['an unknown code', { from: '/tan-cong/ma/', to: '/tin-tuc/', code: 307 }, 'code'],
    ['a 200', { from: '/tan-cong/ma/', to: '/tin-tuc/', code: 200 }, 'code'],
    ['a 410 that leads somewhere', { from: '/tan-cong/ma/', to: '/tin-tuc/', code: 410 }, 'to'],
    ['a 301 that leads nowhere', { from: '/tan-cong/ma/', code: 301 }, 'to'],
    ['a target under the preview', { from: '/tan-cong/ma/', to: '/ban-xem-truoc/tin-tuc/x/', code: 301 }, 'to'],
  ])('refuses %s', async (_label, data, field) => {
    await refused(data, field);
  });

  it('refuses an update that would make a loop or an open redirect, and keeps the entry as it was', async () => {
    const entry = (await cms.strapi.db.query(REDIRECT as never).findOne({ where: { from: '/vong/b/' } })) as { documentId: string };
    const before = await table();
    for (const [data, field] of [[{ from: '/vong/c' }, 'to'], [{ to: '//evil.example/' }, 'to'], [{ from: '/_astro/x/' }, 'from']] as const) {
      const viaAdmin = await rest(`${cms.url}${CM}/${entry.documentId}`, { method: 'PUT', token: editor, body: data });
      const viaRest = await rest(`${cms.url}/api/redirects/${entry.documentId}`, { method: 'PUT', token, body: { data } });
      for (const answer of [viaAdmin, viaRest]) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        expect(answer.body.error.details.errors[0].path).toEqual([field]);
      }
    }
    expect(await table()).toBe(before);
  });

  it('an author can read redirects but neither create, change nor delete one', async () => {
    const entry = (await cms.strapi.db.query(REDIRECT as never).findOne({ where: { from: '/co-san/' } })) as { documentId: string };
    const before = await table();
    expect((await rest(`${cms.url}${CM}`, { token: author })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', CM, { from: '/tac-gia/', to: '/tin-tuc/', code: 301 }],
      ['PUT', `${CM}/${entry.documentId}`, { to: '/tin-tuc/' }],
      ['DELETE', `${CM}/${entry.documentId}`, undefined],
      ['POST', `${CM}/actions/bulkDelete`, { documentIds: [entry.documentId] }],
    ] as const) {
      expect((await rest(`${cms.url}${path}`, { method, token: author, body })).status, `${method} ${path}`).toBe(403);
    }
    expect(await table()).toBe(before);
  });

  it("the site's token reads redirects and writes none", async () => {
    const before = await table();
    expect((await rest(`${cms.url}/api/redirects`, { token: cms.siteToken })).status).toBe(200);
    const answer = await rest(`${cms.url}/api/redirects`, { method: 'POST', token: cms.siteToken, body: { data: { from: '/trang/', to: '/tin-tuc/', code: 301 } } });
    expect(answer.status).toBe(403);
    expect((await rest(`${cms.url}/api/redirects`, { method: 'POST', body: { data: { from: '/trang/', to: '/tin-tuc/', code: 301 } } })).status).toBeGreaterThanOrEqual(401);
    expect(await table()).toBe(before);
  });
});
