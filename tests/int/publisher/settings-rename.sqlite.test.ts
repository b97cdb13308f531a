import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sample from '../../../cms/src/seed/sample-content.json' with { type: 'json' };
import { freePort } from '../../../scripts/lib/free-port.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { startLivePublisher, type LivePublisher } from '../../helpers/live-publisher.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { waitFor } from './support/harness.js';

const SECRET = 'settings-rename-secret';
const SETTINGS = 'api::site-setting.site-setting';

/** The unit after a (made-up) reorganisation: every name an editor changes in Cài đặt cổng. */
const RENAMED = {
  portalName: 'Trang thông tin điện tử phường Bạch Mai',
  unitName: 'Bạch Mai',
  agencyName: 'Ủy ban nhân dân phường Bạch Mai',
  responsiblePerson: 'Lê Văn Thử, Chánh Văn phòng (dữ liệu thử)',
};
const OLD = [sample.settings.portalName, sample.settings.agencyName, sample.settings.responsiblePerson];

/** Every HTML file of a release, relative to it. */
function htmlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((name) => {
    const relative = path.join(prefix, name);
    if (statSync(path.join(dir, relative)).isDirectory()) return htmlFiles(dir, relative);
    return name.endsWith('.html') ? [relative] : [];
  });
}

/** The parts of a page its settings print: the title, the header, the footer. */
function chrome(html: string) {
  const part = (re: RegExp) => re.exec(html)?.[1]?.normalize('NFC') ?? '';
  return {
    title: part(/<title>([^<]*)<\/title>/),
    header: part(/(<header[\s\S]*?<\/header>)/),
    footer: part(/(<footer[\s\S]*?<\/footer>)/),
  };
}

/**
 * An editor renames the unit in its settings; Strapi's webhook reaches the real publisher,
 * which renders every page again: every page of it carries the new names, none the old. A
 * rewrite that large is compressed fast first, then brought to the final level once live.
 */
describe('a settings change renames the unit across every page of a release', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let live: LivePublisher;
  let release: string;

  beforeAll(async () => {
    const hooksPort = await freePort();
    db = sqliteDatabase();
    cms = await bootStrapi(db, { REBUILD_SECRET: SECRET, PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi` });
    // The sample site is small: a rewrite of ten files counts as a mass rewrite here.
    live = await startLivePublisher({ cmsUrl: () => cms.url, siteToken: () => cms.siteToken, secret: SECRET, hooksPort, massRewriteFiles: 10 });
    const deploy = await fetch(`${live.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    expect(deploy.status).toBe(202);
    expect((await live.settled(1)).history[0]).toMatchObject({ ok: true });

    const settings = await cms.strapi.documents(SETTINGS).findFirst();
    await cms.strapi.documents(SETTINGS).update({ documentId: settings!.documentId, data: RENAMED as never });
    const after = await live.settled(2);
    // Every page shows the settings: they are in every page's digest, and every page is rendered again, incrementally.
    expect(after.history[0]).toMatchObject({ ok: true, build: { kind: 'incremental' } });
    expect(after.history[0]!.trigger).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'strapi', uid: SETTINGS })]));
    release = path.join(live.publisherDir, 'current');
  }, 600_000);

  afterAll(async () => {
    await live?.stop();
    await cms?.stop();
    await db?.drop();
    for (const name of ['REBUILD_SECRET', 'PUBLISHER_HOOK_URL']) delete process.env[name];
  });

  it('prints the new site name in every title, the new agency in every header, and the new agency and person responsible in every footer', () => {
    const files = htmlFiles(release);
    expect(files.length).toBeGreaterThan(15);
    const wrong = files.flatMap((file) => {
      const { title, header, footer } = chrome(readFileSync(path.join(release, file), 'utf8'));
      const missing = [
        !title.includes(RENAMED.portalName) && 'title',
        !header.includes(RENAMED.agencyName) && 'header agency',
        !header.includes(RENAMED.portalName) && 'header site name',
        !footer.includes(RENAMED.agencyName) && 'footer agency',
        !footer.includes(RENAMED.responsiblePerson) && 'footer person responsible',
        ...OLD.filter((old) => `${title}${header}${footer}`.includes(old)).map((old) => `still "${old}"`),
      ].filter(Boolean);
      return missing.length > 0 ? [`${file}: ${missing.join(', ')}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('names the unit in the pages that speak of it', () => {
    const description = readFileSync(path.join(release, 'nhiem-vu', 'index.html'), 'utf8').normalize('NFC');
    expect(description).toContain('Các nhiệm vụ trọng tâm của phường Bạch Mai');
  });

  it('titles the RSS feed with the new name', () => {
    const feed = readFileSync(path.join(release, 'rss.xml'), 'utf8').normalize('NFC');
    expect(/<channel><title>([^<]*)<\/title>/.exec(feed)?.[1]).toBe(RENAMED.portalName);
    for (const old of OLD) expect(feed).not.toContain(old);
  });

  it('compresses the rewrite fast, then upgrades every page\'s variant to the final level while idle', async () => {
    const record = (await live.status()).history[0]!;
    expect(readFileSync(path.join(live.publisherDir, record.log), 'utf8')).toContain('at the fast level until live');
    await waitFor(async () => ((await live.status()).preparing ? undefined : true), 120_000, 'the upgrade and the spare copy');
    const pages = htmlFiles(release).filter((file) => existsSync(path.join(release, `${file}.br`)));
    expect(pages.length).toBeGreaterThan(15);
    const notFinal = pages.filter((file) => {
      const content = readFileSync(path.join(release, file));
      const final = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
      return !readFileSync(path.join(release, `${file}.br`)).equals(final);
    });
    expect(notFinal).toEqual([]);
  });

  it('serves the renamed site', async () => {
    const home = (await (await fetch(`${live.siteUrl}/`)).text()).normalize('NFC');
    expect(home).toContain(`<title>${RENAMED.portalName}</title>`);
  });
});
