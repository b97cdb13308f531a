import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { previewLink } from '../../../cms/src/preview/preview-url.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { startPreviewServer, type TestPreviewServer } from '../../helpers/preview-server.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const SECRET = 'bí-mật-xem-trước-thông-báo-của-phường';
const NOTICE = CONTENT_TYPES.notice.uid;

/** An editor previews a draft notice: its page, and its alert banner as it will look, whatever its times. */
describe('notice preview', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let preview: TestPreviewServer | undefined;
  let previewUrl: string;

  beforeAll(async () => {
    previewUrl = `http://127.0.0.1:${await freePort()}`;
    db = sqliteDatabase();
    cms = await bootStrapi(db, { PREVIEW_SECRET: SECRET, PREVIEW_URL: previewUrl });
    preview = await startPreviewServer({ cms, secret: SECRET, port: Number(new URL(previewUrl).port), siteUrl: 'http://portal.test' });
  }, 180_000);

  afterAll(async () => {
    await preview?.stop();
    await cms?.stop();
    await db?.drop();
  });

  const open = async (documentId: string) => {
    const link = previewLink(NOTICE, { documentId, status: 'draft' }, { baseUrl: previewUrl, secret: SECRET })!;
    expect(link).toContain('/ban-xem-truoc/thong-bao/');
    const page = await fetch(link);
    return { status: page.status, html: await page.text() };
  };

  it('shows a draft notice with its banner, which starts next week', async () => {
    const draft = await cms.strapi.documents(NOTICE).create({
      data: {
        title: 'Tạm dừng cổng dịch vụ công của phường (thử)',
        kind: 'downtime',
        body: 'Tạm dừng **toàn bộ** dịch vụ trực tuyến.',
        alertSeverity: 'urgent',
        alertText: 'Cổng dịch vụ công tạm dừng từ 22:00 thứ Bảy (thử).',
        alertStartsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      } as never,
    });
    const { status, html } = await open(draft.documentId);
    expect(status).toBe(200);
    expect(html).toContain('Bản xem trước');
    expect(html).toMatch(/<h1[^>]*>Tạm dừng cổng dịch vụ công của phường \(thử\)<\/h1>/);
    expect(html).toContain('<strong>toàn bộ</strong>');
    expect(html).toMatch(/role="alert"[^>]*data-alert-key/);
    expect(html).toContain('Cổng dịch vụ công tạm dừng từ 22:00 thứ Bảy (thử).');
    expect(html).toContain('Tạm dừng hệ thống');
  });

  it('shows no banner for a notice without one', async () => {
    const draft = await cms.strapi.documents(NOTICE).create({ data: { title: 'Lịch tiếp công dân (thử)', body: 'Sáng thứ Năm.' } as never });
    const { status, html } = await open(draft.documentId);
    expect(status).toBe(200);
    expect(html).toContain('Lịch tiếp công dân (thử)');
    expect(html).not.toContain('data-alert-key');
  });
});
