import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { entryPath } from '../../../cms/src/content-model/urls.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { readLinkReport, type LinkReport } from '../../../scripts/publisher/link-check/link-report.js';
import { REASONS } from '../../../scripts/publisher/link-check/release-paths.js';
import { startLocalPublisher, type LocalPublisher } from '../../../scripts/publisher/local-publisher.js';
import type { PublisherStatus } from '../../../scripts/publisher/publisher.js';
import { adminLogin, createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { waitFor } from './support/harness.js';

const SECRET = 'link-report-rebuild-secret';
const { article, procedure } = CONTENT_TYPES;
const EDITOR = 'bientap.lienket@hbt.example.vn';
const PLANTED_SLUG = 'bai-co-lien-ket-hong';
const DEAD_INTERNAL = '/tin-tuc/bai-nay-chua-bao-gio-co/';
const ENV = ['REBUILD_SECRET', 'PUBLISHER_HOOK_URL', 'LINK_CHECK_ALLOW_PRIVATE', 'LINK_CHECK_TIMEOUT_MS'];

/**
 * Issue 20 §4 end to end: the sample content plus one article with a dead portal link and a
 * dead external one, a release built and swapped by the real publisher, the check it runs
 * after the swap in its own process; the report names exactly the planted links, the status
 * page lists them for detail readers with the way into the admin. And the admin route the
 * "check before publishing" panel asks.
 */
describe('the broken-link report of a live release', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let live: LocalPublisher;
  let dead: Server;
  let deadExternal: string;
  let planted: string;
  let report: LinkReport;

  beforeAll(async () => {
    // The "external" site: on loopback, which only the test switch lets the check reach.
    dead = createServer((_, response) => response.writeHead(404).end('không có'));
    const deadPort = await new Promise<number>((resolve) => dead.listen(0, '127.0.0.1', () => resolve((dead.address() as AddressInfo).port)));
    deadExternal = `http://127.0.0.1:${deadPort}/trang-da-mat`;
    const hooksPort = await freePort();
    db = sqliteDatabase();
    cms = await bootStrapi(db, { REBUILD_SECRET: SECRET, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi` });
    // The check's process inherits these (link-check-runner.ts); no outside DNS here, so a short deadline.
    process.env.LINK_CHECK_ALLOW_PRIVATE = `127.0.0.1:${deadPort}`;
    process.env.LINK_CHECK_TIMEOUT_MS = '3000';
    const body = `Bài có hai liên kết hỏng: [bài không có](${DEAD_INTERNAL}) và [trang ngoài](${deadExternal}). Còn [trang chủ](/) thì vẫn mở được.`;
    planted = (await cms.strapi.documents(article.uid).create({ data: { title: 'Bài có liên kết hỏng', slug: PLANTED_SLUG, body } as never })).documentId;
    await cms.strapi.documents(article.uid).publish({ documentId: planted });
    live = await startLocalPublisher({
      cms: () => ({ strapiUrl: cms.url, strapiToken: cms.siteToken }),
      secret: SECRET,
      hooksPort,
      timing: { debounceMs: 300, maxWaitMs: 5000, buildTimeoutMs: 300_000, keepReleases: 5, retryDelaysMs: [] },
      linkCheck: true,
    });
    const deploy = await fetch(`${live.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    expect(deploy.status).toBe(202);
    const built = await waitFor(async () => {
      const status = (await (await fetch(`${live.hooksUrl}/status`)).json()) as PublisherStatus;
      return status.state === 'idle' && status.history.length > 0 && status.pending.length === 0 ? status : undefined;
    }, 280_000, 'the first build');
    expect(built.history[0]).toMatchObject({ ok: true });
    // The build's record is written before the check is asked for; the check runs after the swap.
    await live.linkCheck!.idle();
    const found = await readLinkReport(live.publisherDir);
    if (found?.releaseId !== built.current) throw new Error(`no link report of ${built.current}; link-check.log: ${readFileSync(path.join(live.publisherDir, 'link-check.log'), 'utf8')}`);
    report = found;
  }, 420_000);

  afterAll(async () => {
    await live?.stop();
    await cms?.stop();
    await db?.drop();
    await new Promise((resolve) => dead?.close(resolve));
    for (const name of ENV) delete process.env[name];
  });

  it('finds exactly the planted dead links, and none in the sample content', () => {
    expect(report.counts.entries).toBeGreaterThan(1);
    expect(report.entries).toEqual([
      {
        uid: article.uid,
        documentId: planted,
        title: 'Bài có liên kết hỏng',
        adminUrl: `${cms.url}/admin/content-manager/collection-types/${article.uid}/${planted}`,
        broken: [
          { url: DEAD_INTERNAL, text: 'bài không có', reason: REASONS.missing },
          { url: deadExternal, text: 'trang ngoài', reason: 'Trang ngoài trả lời lỗi 404' },
        ],
      },
    ]);
    expect(report.counts.broken).toBe(2);
  });

  it('does not call a procedure\'s national-portal link broken because this machine cannot look it up', async () => {
    const procedures = (await cms.strapi.documents(procedure.uid).findMany({ status: 'published', fields: ['nationalPortalUrl'] as never })) as Array<{ nationalPortalUrl?: string | null }>;
    expect(procedures.some((entry) => entry.nationalPortalUrl?.includes('dichvucong.gov.vn'))).toBe(true);
    expect(report.entries.filter((entry) => entry.uid === procedure.uid)).toEqual([]);
    // Not known either way here: counted apart, not as broken.
    expect(report.counts.unchecked).toBeGreaterThan(0);
  });

  it('lists them on the status page for a detail reader, with the link into the admin; the public sees the count only', async () => {
    const detail = await (await fetch(`${live.hooksUrl}/`)).text();
    expect(detail).toContain('2 liên kết hỏng.');
    expect(detail).toContain(`href="${cms.url}/admin/content-manager/collection-types/api::article.article/${planted}"`);
    expect(detail).toContain(`<code>${DEAD_INTERNAL}</code> “bài không có”: ${REASONS.missing}`);
    expect(detail).toContain(`<code>${deadExternal}</code>`);
    // Through a reverse proxy (X-Forwarded-For) the page is public (status-detail.ts).
    const publicPage = await (await fetch(`${live.hooksUrl}/`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).text();
    expect(publicPage).toContain('2 liên kết hỏng.');
    expect(publicPage).not.toContain(planted);
    expect(publicPage).not.toContain(DEAD_INTERNAL);
    const status = (await (await fetch(`${live.hooksUrl}/status`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).json()) as { brokenLinks: { count: number } };
    expect(status.brokenLinks.count).toBe(2);
  });

  describe('POST /admin/link-check/site-paths', () => {
    const ask = (body: unknown, token?: string) => rest(`${cms.url}/admin/link-check/site-paths`, { method: 'POST', token, body });
    let editor: string;

    beforeAll(async () => {
      await createAdminUser(cms, { code: 'strapi-editor', email: EDITOR });
      editor = await adminLogin(cms, EDITOR);
    });

    it('answers no one who is not signed in to the admin', async () => {
      expect((await ask({ paths: ['/'] })).status).toBe(401);
      expect((await ask({ paths: ['/'] }, cms.siteToken)).status).toBe(401);
    });

    it.each([
      [{}, 'paths'],
      [{ paths: '/tin-tuc/' }, 'paths'],
      [{ paths: [] }, 'paths'],
      [{ paths: ['https://chinhphu.vn/'] }, 'paths.0'],
      [{ paths: ['/tin-tuc/a/?x=1'] }, 'paths.0'],
      [{ paths: Array.from({ length: 51 }, (_, i) => `/tin-tuc/${i}/`) }, 'paths'],
      [{ paths: ['/'], extra: true }, 'body'],
    ])('%j is a 400 naming %s', async (body, field) => {
      const answer = await ask(body, editor);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message.startsWith(`${field}:`), answer.body.error.message).toBe(true);
    });

    it('says which portal pages are published, only a draft, or missing', async () => {
      const draft = await cms.strapi.documents(article.uid).create({ data: { title: 'Bài chỉ có bản nháp', slug: 'bai-chi-co-ban-nhap' } as never });
      const answer = await ask({ paths: [entryPath(article, PLANTED_SLUG), entryPath(article, 'bai-chi-co-ban-nhap'), DEAD_INTERNAL] }, editor);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual([
        { path: entryPath(article, PLANTED_SLUG), status: 'published' },
        { path: entryPath(article, 'bai-chi-co-ban-nhap'), status: 'draft-only' },
        { path: DEAD_INTERNAL, status: 'missing' },
      ]);
      await cms.strapi.documents(article.uid).delete({ documentId: draft.documentId });
    });
  });
});
