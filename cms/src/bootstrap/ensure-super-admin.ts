import type { Core } from '@strapi/strapi';

/** With ADMIN_EMAIL and ADMIN_PASSWORD set, the first boot creates that super admin. */
export async function ensureSuperAdmin(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user');
  if (await users.exists()) return;

  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) {
    const url = strapi.config.get('server.url') || `http://localhost:${strapi.config.get('server.port')}`;
    strapi.log.info(`No administrator yet: open ${url}/admin to register the first one.`);
    return;
  }
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    email,
    password,
    firstname: process.env.ADMIN_FIRSTNAME || 'Quản trị',
    lastname: process.env.ADMIN_LASTNAME || 'viên',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Created the super admin ${email}.`);
}
