import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/free-port.js';
import { buildSite } from '../../../scripts/publisher/build-site.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const BUCKET = 'portal-media';

/**
 * Uploads on S3-compatible storage through Strapi's official provider, against a local
 * S3-protocol server: the sample's photos go to the bucket, the API gives their absolute
 * URLs, the admin may show them, and the site build fetches and resizes them from there.
 */
describe('uploads on S3-compatible storage', () => {
  let s3: S3rver;
  let s3Dir: string;
  let mediaUrl: string;
  let db: TestDatabase;
  let cms: TestStrapi;
  let outDir: string;

  beforeAll(async () => {
    const port = await freePort();
    s3Dir = mkdtempSync(path.join(os.tmpdir(), 'portal-s3-'));
    s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    await s3.run();
    mediaUrl = `http://127.0.0.1:${port}/${BUCKET}`;
    db = sqliteDatabase();
    cms = await bootStrapi(db, {
      UPLOAD_PROVIDER: 'aws-s3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_FORCE_PATH_STYLE: 'true',
      S3_REGION: 'us-east-1',
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_PUBLIC_URL: mediaUrl,
    });
    outDir = mkdtempSync(path.join(os.tmpdir(), 'portal-s3-site-'));
  }, 180_000);

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    await s3?.close();
    for (const dir of [s3Dir, outDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    for (const name of ['UPLOAD_PROVIDER', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL']) {
      delete process.env[name];
    }
  });

  it('stores the sample photos in the bucket and serves them from there', async () => {
    const files = (await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['url', 'mime'] })) as { url: string; mime: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.url.startsWith(`${mediaUrl}/`), file.url).toBe(true);
      const answer = await fetch(file.url);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(file.mime);
    }
  });

  it('gives absolute photo URLs in the API, and lets the admin show them', async () => {
    const article = await rest(`${cms.url}/api/articles?populate[cover][populate][image][fields][0]=url`, { token: cms.siteToken });
    expect(article.body.data[0].cover.image.url.startsWith(mediaUrl)).toBe(true);
    const admin = await fetch(`${cms.url}/_health`);
    expect(admin.headers.get('content-security-policy')).toMatch(new RegExp(`img-src [^;]*${new URL(mediaUrl).origin.replace(/[.:/]/g, '\\$&')}`));
  });

  it('builds the site with the photos fetched from the bucket and resized', async () => {
    await buildSite(outDir, { strapiUrl: cms.url, strapiToken: cms.siteToken, env: { MEDIA_URL: mediaUrl }, log: new PassThrough().resume() });
    const slug = (await cms.strapi.documents('api::article.article').findFirst({ status: 'published', fields: ['slug'] }))!.slug;
    const html = readFileSync(path.join(outDir, 'tin-tuc', slug, 'index.html'), 'utf8');
    expect(html).toMatch(/<img[^>]+src="\/_astro\/[^"]+\.jpg"/);
    expect(html).not.toContain(`src="${mediaUrl}`);
  }, 300_000);
});
