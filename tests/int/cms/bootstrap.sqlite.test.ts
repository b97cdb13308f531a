import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { recordingServer } from '../../helpers/recording-server.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { REBUILD_WEBHOOK_NAME } from '../../../cms/src/bootstrap/ensure-rebuild-webhook.js';

describe('bootstrap: the first super admin and the rebuild webhook', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let publisher: Awaited<ReturnType<typeof recordingServer>>;
  const admin = { ADMIN_EMAIL: 'bientap@hbt.example.vn', ADMIN_PASSWORD: 'Quan-tri-2026!' };
  const env = () => ({ SEED: 'false', REBUILD_SECRET: 'test-secret-1', PUBLISHER_HOOK_URL: `${publisher.url}/hooks/strapi`, ...admin });

  beforeAll(async () => {
    publisher = await recordingServer();
    db = sqliteDatabase();
    cms = await bootStrapi(db, env());
  });

  afterAll(async () => {
    await cms?.stop();
    await publisher?.close();
    await db?.drop();
    for (const name of ['SEED', 'REBUILD_SECRET', 'PUBLISHER_HOOK_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) delete process.env[name];
  });

  const hooks = async () => (await cms.strapi.get('webhookStore').findWebhooks()).filter((h: { name: string }) => h.name === REBUILD_WEBHOOK_NAME);

  it('creates the super admin from ADMIN_EMAIL and ADMIN_PASSWORD, who can log in', async () => {
    const login = await rest(`${cms.url}/admin/login`, { method: 'POST', body: { email: admin.ADMIN_EMAIL, password: admin.ADMIN_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.data.token ?? login.body.data.accessToken).toBeTruthy();
    const user = await cms.strapi.db.query('admin::user').findOne({ where: { email: admin.ADMIN_EMAIL }, populate: ['roles'] });
    expect(user.roles.map((r: { code: string }) => r.code)).toContain('strapi-super-admin');
    const wrong = await rest(`${cms.url}/admin/login`, { method: 'POST', body: { email: admin.ADMIN_EMAIL, password: 'sai-mat-khau' } });
    expect(wrong.status).toBe(400);
  });

  it('calls the publisher with the secret when an article is published', async () => {
    const article = await cms.strapi.documents('api::article.article').create({ data: { title: 'Tin mới' } as never });
    await cms.strapi.documents('api::article.article').publish({ documentId: article.documentId });
    await publisher.waitFor((all) => all.some((r) => JSON.parse(r.body).event === 'entry.publish'));
    const publish = publisher.requests.find((r) => JSON.parse(r.body).event === 'entry.publish')!;
    expect(publish.url).toBe('/hooks/strapi');
    expect(publish.headers.authorization).toBe('Bearer test-secret-1');
    expect(JSON.parse(publish.body).entry.documentId).toBe(article.documentId);
  });

  it('stays a single webhook across reboots, and follows a changed secret', async () => {
    expect(await hooks()).toHaveLength(1);
    await cms.stop();
    cms = await bootStrapi(db, env());
    expect(await hooks()).toHaveLength(1);
    expect(await cms.strapi.db.query('admin::user').count()).toBe(1);
    await cms.stop();
    cms = await bootStrapi(db, { ...env(), REBUILD_SECRET: 'test-secret-2' });
    const [hook] = await hooks();
    expect(hook.headers.Authorization).toBe('Bearer test-secret-2');
  });
});
