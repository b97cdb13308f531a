import type { Browser, Page } from 'playwright-core';
import { buildCmsAdmin } from '../../scripts/lib/cms-admin-build.js';
import { TEST_PASSWORD } from './admin-users.js';

// `strapi build` loads the config, which requires the secrets (none is baked into the admin).
const BUILD_SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY'];

/** Builds the admin panel for a browser test, unless the sources are as last built. */
export const buildAdminForTests = () => buildCmsAdmin({ env: Object.fromEntries(BUILD_SECRETS.map((name) => [name, process.env[name] || `build-only-${name}`])) });

/** A fresh browser context in Vietnamese and Vietnam's time, signed in to the admin as this user, on its home page. */
export async function signInToAdmin(browser: Browser, cmsUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/admin\/?$/);
  // Strapi's "what's new" announcement covers the side panels when it shows.
  const announcement = page.getByRole('button', { name: /Đóng thông báo/ });
  await announcement.waitFor({ timeout: 5000 }).then(() => announcement.click(), () => undefined);
  return page;
}
