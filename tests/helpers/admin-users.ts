import type { TestStrapi } from './boot-strapi.js';
import { rest } from './rest.js';

export const TEST_PASSWORD = 'Mat-khau-2026!';

/** An admin account with one role (by its code, e.g. strapi-author), made directly in the CMS. */
export async function createAdminUser(
  cms: TestStrapi,
  user: { code: string; email: string; firstname?: string; lastname?: string },
): Promise<void> {
  const role = await cms.strapi.db.query('admin::role').findOne({ where: { code: user.code } });
  await cms.strapi.service('admin::user').create({
    email: user.email,
    firstname: user.firstname ?? user.email.split('@')[0],
    lastname: user.lastname,
    password: TEST_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
}

/** Logs in through the admin API, as the admin UI does; returns the session token. */
export async function adminLogin(cms: TestStrapi, email: string): Promise<string> {
  return (await rest(`${cms.url}/admin/login`, { method: 'POST', body: { email, password: TEST_PASSWORD } })).body.data.token;
}
