/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { samplePdf } from '../../../cms/src/seed/sample-attachments.js';
import { buildAdminForTests, signInToAdmin } from '../../helpers/admin-browser.js';
import { createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const DOCUMENT = CONTENT_TYPES.legalDocument.uid;
const EDITOR = 'bientap@hbt.example.vn';
const NUMBER = '15/2026/QĐ-UBND';

interface Stored {
  number: string;
  issuingBody: string;
  issuedAt: string;
  slug: string;
  attachments: { name: string; mime: string; url: string }[];
}

/**
 * The closing condition, in the real admin in Chromium and in Vietnamese: a Biên tập
 * editor adds a Văn bản, uploads its signed PDF into Tệp đính kèm and publishes it.
 */
describe('a Văn bản entered in the Vietnamese admin', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await buildAdminForTests();
    db = sqliteDatabase();
    cms = await bootStrapi(db, {}, { serveAdminPanel: true });
    await createAdminUser(cms, { code: 'strapi-editor', email: EDITOR, firstname: 'Minh', lastname: 'HBT' });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
    await db?.drop();
  });

  it('is created with an uploaded PDF, published, and the CMS serves it with its attachment', async () => {
    page = await signInToAdmin(browser, cms.url, EDITOR);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${DOCUMENT}/create`);
    await page.locator('input[name="number"]').fill(NUMBER);
    await page.locator('input[name="issuingBody"]').fill('UBND phường Bạch Mai');
    await page.locator('textarea[name="summary"]').fill('Quyết định ban hành Quy chế tiếp công dân của UBND phường Bạch Mai (dữ liệu thử).');
    // Strapi's date picker takes the date typed in the editor's locale (dd/mm/yyyy) when it loses focus (Escape would clear it).
    await page.locator('input[name="issuedAt"]').fill('05/03/2026');
    await page.locator('input[name="signer"]').click();
    await expect.poll(() => page.locator('input[name="issuedAt"]').inputValue()).toBe('05/03/2026');

    // Tệp đính kèm: the media library dialog, its upload from the computer, then back to choose it.
    await page.getByText('Nhấn để thêm tệp hoặc kéo và thả tệp vào vùng này').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thêm tệp khác' }).first().click();
    await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({
      name: 'quyet-dinh-15-2026.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(samplePdf(['Quyet dinh so 15/2026/QD-UBND', 'Du lieu thu'])),
    });
    await page.getByRole('button', { name: /Tải 1 tệp lên thư viện/ }).click();
    await page.getByRole('button', { name: /Hoàn tất|Hoàn thành|Xong|Finish/ }).click();
    await expect.poll(() => page.getByText('quyet-dinh-15-2026').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/api::legal-document\.legal-document\/(?!create)[a-z0-9]+/, { timeout: 15_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Xuất bản', exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Xuất bản', exact: true }).click();

    const published = async () =>
      (await cms.strapi.documents(DOCUMENT).findFirst({ status: 'published', filters: { number: NUMBER } as never, populate: { attachments: true } as never })) as unknown as Stored | null;
    await expect.poll(published, { timeout: 15_000 }).not.toBeNull();
    const doc = (await published())!;
    expect(doc).toMatchObject({ issuingBody: 'UBND phường Bạch Mai', issuedAt: '2026-03-05', slug: '15-2026-qd-ubnd' });
    expect(doc.attachments).toEqual([expect.objectContaining({ name: 'quyet-dinh-15-2026.pdf', mime: 'application/pdf' })]);

    // The site's read: REST with the site's token, and the file itself, served as a download.
    const rest = await fetch(`${cms.url}/api/${CONTENT_TYPES.legalDocument.restPath}?filters[slug][$eq]=${doc.slug}&populate=attachments`, { headers: { Authorization: `Bearer ${cms.siteToken}` } });
    const body = (await rest.json()) as { data: Stored[] };
    expect(body.data.map((d) => [d.number, d.attachments.map((a) => a.url)])).toEqual([[NUMBER, [doc.attachments[0]!.url]]]);
    const file = await fetch(`${cms.url}${doc.attachments[0]!.url}`);
    expect(file.status).toBe(200);
    expect([file.headers.get('content-disposition'), file.headers.get('x-content-type-options')]).toEqual(['attachment', 'nosniff']);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.context().close();
  }, 180_000);
});
