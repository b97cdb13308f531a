/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { buildAdminForTests, signInToAdmin } from '../../helpers/admin-browser.js';
import { createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const ARTICLE = CONTENT_TYPES.article.uid;
const EDITOR = { code: 'strapi-editor', email: 'bientap.phienban@hbt.example.vn', firstname: 'Hà', lastname: 'Biên Tập' };

/** The closing condition in the real admin: the sample article's history restores yesterday's title. */
describe("an entry's history in the Vietnamese admin", () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let browser: Browser;

  beforeAll(async () => {
    await buildAdminForTests();
    db = sqliteDatabase();
    cms = await bootStrapi(db, {}, { serveAdminPanel: true });
    await createAdminUser(cms, EDITOR);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
    await db?.drop();
  });

  it("shows an editor's title change word by word and restores yesterday's title into the draft, unpublished", async () => {
    const sample = (await cms.strapi.documents(ARTICLE).findFirst({ status: 'published', fields: ['title'] }))!;
    // The sample was imported yesterday.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await cms.strapi.db.connection('portal_content_versions').where({ document_id: sample.documentId }).update({ at: yesterday });
    const page = await signInToAdmin(browser, cms.url, EDITOR.email);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ARTICLE}/${sample.documentId}`);
    const title = page.locator('textarea[name="title"]');
    await expect.poll(() => title.inputValue(), { timeout: 15_000 }).toBe(sample.title);
    await title.fill(`${sample.title} bị sửa nhầm`);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();

    const history = page.getByTestId('content-history');
    await history.getByText('Lịch sử phiên bản').or(page.getByText('Lịch sử phiên bản')).first().waitFor();
    // The save is the newest version, by this editor in the admin.
    await expect.poll(() => history.getByRole('button').first().innerText(), { timeout: 15_000 }).toContain(`Hà Biên Tập <${EDITOR.email}>`);
    const first = history.getByTestId('history-version-1');
    expect(await first.innerText()).toContain(new Date(yesterday).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }));
    await first.click();

    const titleDiff = page.getByRole('dialog').getByTestId('diff-field-title');
    await expect.poll(async () => (await titleDiff.locator('ins').allInnerTexts()).map((text) => text.trim()), { timeout: 15_000 }).toEqual(['bị sửa nhầm']);
    expect((await titleDiff.getByTestId('diff-chosen').innerText()).trim()).toBe(sample.title);

    await page.getByRole('button', { name: 'Khôi phục bản này' }).click();
    await page.getByRole('alertdialog').getByText('không được xuất bản').waitFor();
    await page.getByRole('button', { name: 'Khôi phục vào bản nháp' }).click();

    await page.getByText('Bản nháp này chưa được xuất bản').waitFor({ timeout: 15_000 });
    await expect.poll(() => title.inputValue(), { timeout: 15_000 }).toBe(sample.title);
    const draft = await cms.strapi.documents(ARTICLE).findOne({ documentId: sample.documentId, status: 'draft', fields: ['title'] });
    expect(draft!.title).toBe(sample.title);
    const versions = await cms.strapi.db.connection('portal_content_versions').where({ document_id: sample.documentId }).orderBy('id');
    expect(versions.map((v: { action: string }) => v.action).slice(-2)).toEqual(['update', 'restore']);
    await page.context().close();
  });
});
