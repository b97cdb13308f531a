/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGAGEMENT_TABLES as T, monthOf, vietnamDay } from '../../../cms/src/engagement/engagement-tables.js';
import { buildAdminForTests, signInToAdmin } from '../../helpers/admin-browser.js';
import { createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const EDITOR = { code: 'strapi-editor', email: 'bientap.tuongtac3@hbt.example.vn', firstname: 'Hà', lastname: 'Biên Tập' };
const AUTHOR = { code: 'strapi-author', email: 'tacgia.tuongtac3@hbt.example.vn', firstname: 'Nam', lastname: 'Tác Giả' };
const HOSTILE = '<img src=x onerror="window.__xss=1">Trang thiếu số điện thoại đường dây nóng';

/** "Tương tác" in the real admin: an editor reads a month's ratings and marks a comment read; an author is not shown it. */
describe('the Tương tác page in the Vietnamese admin', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let browser: Browser;
  let title: string;
  let commentId: number;

  beforeAll(async () => {
    await buildAdminForTests();
    db = sqliteDatabase();
    cms = await bootStrapi(db, {}, { serveAdminPanel: true });
    await createAdminUser(cms, EDITOR);
    await createAdminUser(cms, AUTHOR);
    const article = (await cms.strapi.documents('api::article.article').findFirst({ status: 'published' }))!;
    title = article.title as string;
    const knex = cms.strapi.db.connection;
    const day = vietnamDay();
    const row = (useful: boolean, reason: string | null) => ({ page_key: `article:${article.documentId}`, content_type: 'article', document_id: article.documentId, month: monthOf(day), day, useful, reason, created_at: new Date().toISOString() });
    await knex(T.ratings).insert([row(true, 'de-hieu'), row(true, null), row(true, null), row(false, 'thieu-thong-tin')]);
    const [rating] = await knex(T.ratings).insert(row(false, 'loi-thoi')).returning('id');
    const [comment] = await knex(T.ratingComments)
      .insert({ rating_id: rating.id, page_key: `article:${article.documentId}`, content_type: 'article', document_id: article.documentId, month: monthOf(day), comment: HOSTILE, status: 'new', created_at: new Date().toISOString() })
      .returning('id');
    commentId = Number(comment.id);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
    await db?.drop();
  });

  it("shows an editor the month's ratings of the page and lets them mark its comment read, showing the citizen's text as text", async () => {
    const page = await signInToAdmin(browser, cms.url, EDITOR.email);
    await page.getByRole('link', { name: 'Tương tác' }).click();
    await page.getByRole('heading', { name: 'Tương tác' }).waitFor();
    const rated = page.locator('tbody tr').filter({ hasText: title });
    await expect.poll(() => rated.count()).toBe(1);
    const text = await rated.innerText();
    expect(text).toMatch(/3\s+2\s+60%/);
    expect(text).toContain('Thiếu thông tin: 1');
    expect(text).toContain('Thông tin đã cũ: 1');

    await page.getByRole('tab', { name: 'Góp ý' }).click();
    const comment = page.locator('tbody tr').filter({ hasText: 'Trang thiếu số điện thoại' });
    await comment.waitFor();
    expect(await comment.innerText()).toContain('<img src=x');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await comment.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await expect.poll(() => comment.count()).toBe(0);
    expect(await cms.strapi.db.connection(T.ratingComments).where({ id: commentId }).first()).toMatchObject({ status: 'read', moderated_by: expect.stringContaining(EDITOR.email) });

    await page.getByRole('button', { name: /Đã đọc/ }).click();
    await expect.poll(() => page.locator('tbody tr').filter({ hasText: 'Trang thiếu số điện thoại' }).count()).toBe(1);
    await page.context().close();
  });

  it('shows an author no link to it, and the page itself shows them nothing', async () => {
    const page = await signInToAdmin(browser, cms.url, AUTHOR.email);
    await page.getByRole('link', { name: 'Trạng thái xuất bản' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tương tác' }).count()).toBe(0);
    await page.goto(`${cms.url}/admin/tuong-tac`);
    await page.waitForTimeout(2000);
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('Trang thiếu số điện thoại');
    await page.context().close();
  });
});
