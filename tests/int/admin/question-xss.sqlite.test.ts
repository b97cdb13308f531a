/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminForTests, signInToAdmin } from '../../helpers/admin-browser.js';
import { createAdminUser } from '../../helpers/admin-users.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { launchBrowser } from '../../helpers/browser.js';
import { publisherDirWithPages, startEngagementProcess, type EngagementProcess } from '../../helpers/engagement-process.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { XSS_PAYLOADS } from '../../helpers/xss-payloads.js';

const EDITOR = { code: 'strapi-editor', email: 'bientap.hoidap.xss@hbt.example.vn', firstname: 'Lan', lastname: 'Biên Tập' };

/**
 * The XSS corpus as citizens would send it: through the question form (the real engagement
 * service, then the CMS's create-only token) into the admin, where an editor opens the list and
 * every question. Nothing may run: no dialog, no script-set flag, no page error.
 */
describe('hostile questions in the admin', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let service: EngagementProcess;
  let browser: Browser;

  beforeAll(async () => {
    await buildAdminForTests();
    db = sqliteDatabase();
    cms = await bootStrapi(db, {}, { serveAdminPanel: true });
    await createAdminUser(cms, EDITOR);
    const tokenFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'portal-question-token-')), 'question-token');
    writeFileSync(tokenFile, `${cms.questionToken}\n`, { mode: 0o600 });
    service = await startEngagementProcess({
      ...db.env,
      PUBLISHER_DIR: publisherDirWithPages([]),
      STRAPI_URL: cms.url,
      QUESTION_TOKEN_FILE: tokenFile,
      QUESTION_LIMIT_PER_HOUR: '1000',
      QUESTION_UNVERIFIED_LIMIT_PER_HOUR: '1000',
    });
    for (const [name, payload] of XSS_PAYLOADS) {
      const response = await fetch(`${service.url}/tuong-tac/hoi-dap`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: service.url, 'User-Agent': 'Mozilla/5.0 Chrome/131.0', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'chu-de': 'khac', 'cau-hoi': `Câu hỏi kiểm thử (${name}): ${payload} — xin trả lời.`, 'ho-ten': payload.slice(0, 100) }),
      });
      expect([303, 400], name).toContain(response.status);
    }
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await cms?.stop();
    await db?.drop();
  });

  it('runs nothing in the list or any question an editor opens', async () => {
    const questions = await cms.strapi.documents('api::question.question').findMany({ status: 'draft', limit: 200, filters: { question: { $startsWith: 'Câu hỏi kiểm thử' } } });
    expect(questions.length).toBeGreaterThan(XSS_PAYLOADS.length / 2);
    const page = await signInToAdmin(browser, cms.url, EDITOR.email);
    const ran: string[] = [];
    page.on('dialog', (dialog) => {
      ran.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => ran.push(`error: ${error.message}`));
    const base = `${cms.url}/admin/content-manager/collection-types/api::question.question`;
    await page.goto(`${base}?page=1&pageSize=100`);
    await page.getByText('Câu hỏi kiểm thử', { exact: false }).first().waitFor({ timeout: 30_000 }).catch(() => {});
    for (const question of questions) {
      await page.goto(`${base}/${question.documentId}`);
      await page.locator('textarea, input[name="question"]').first().waitFor({ timeout: 30_000 });
    }
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /xss/i.test(k)))).toEqual([]);
    expect(ran).toEqual([]);
    await page.context().close();
  }, 300_000);
});
