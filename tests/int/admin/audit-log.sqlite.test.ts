/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminForTests, signInToAdmin } from '../../helpers/admin-browser.js';
import { createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SUPER_ADMIN = { code: 'strapi-super-admin', email: 'quantri.admin@hbt.example.vn', firstname: 'Lan', lastname: 'Quản Trị' };
const EDITOR = { code: 'strapi-editor', email: 'bientap.admin@hbt.example.vn', firstname: 'Minh', lastname: 'Biên Tập' };

/** Nhật ký hoạt động in the real admin: a super admin reads and filters it; an editor is not shown it. */
describe('the audit log in the Vietnamese admin', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let browser: Browser;

  beforeAll(async () => {
    await buildAdminForTests();
    db = sqliteDatabase();
    cms = await bootStrapi(db, {}, { serveAdminPanel: true });
    await createAdminUser(cms, SUPER_ADMIN);
    await createAdminUser(cms, EDITOR);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
    await db?.drop();
  });

  const signIn = (email: string) => signInToAdmin(browser, cms.url, email);

  it("lists a super admin's own sign-in and the seed's publishing, and filters by action", async () => {
    const page = await signIn(SUPER_ADMIN.email);
    await page.getByRole('link', { name: 'Nhật ký hoạt động' }).click();
    await page.getByRole('heading', { name: 'Nhật ký hoạt động' }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.filter({ hasText: 'admin.login' }).filter({ hasText: `Lan Quản Trị <${SUPER_ADMIN.email}>` }).count()).toBe(1);
    await page.getByLabel('Hành động (vd. entry.publish)').fill('entry.publish');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(async () => (await rows.allInnerTexts()).length).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('entry.publish');
    await page.context().close();
  });

  it('shows an editor no link to it, and the page itself refuses them', async () => {
    const page = await signIn(EDITOR.email);
    await page.getByRole('link', { name: 'Trạng thái xuất bản' }).waitFor();
    expect(await page.getByRole('link', { name: 'Nhật ký hoạt động' }).count()).toBe(0);
    await page.goto(`${cms.url}/admin/audit-log`);
    await page.waitForTimeout(2000);
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('admin.login');
    await page.context().close();
  });
});
