/**
 * Issue 17, item 8: a title and a lead pasted from Word carry control characters into the
 * real CMS; the real site build must still write a well-formed rss.xml and sitemap (checked
 * by saxes against XML 1.0's characters) and JSON-LD that parses, with the text cleaned.
 * Run under `flock /tmp/portal-site-build.lock`: it builds the site.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnameseSlug } from '../../cms/src/utils/vietnamese-slug.js';
import { cleanText } from '../../site/src/lib/plain-text.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { readPage, siteBuilder, type SiteBuild } from '../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';

const ARTICLE = 'api::article.article';
// As pasted from Word and old intranet pages: SOH, Word's line break (VT), unit separator, DEL, NEL.
const TITLE = 'Hội nghị\u0001 tổng kết\u000Bcông tác\u001F năm 2026\u007F và phương\u0085hướng';
const LEAD = 'Sáng nay\u0002, UBND quận\u000Btổ chức\u0008 hội nghị\u009B.';
const CLEAN_TITLE = 'Hội nghị tổng kết công tác năm 2026 và phương hướng';
const CLEAN_LEAD = 'Sáng nay, UBND quận tổ chức hội nghị.';

/** Every well-formedness error saxes finds, characters outside XML 1.0's Char production included. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}

function jsonLd(html: string): unknown[] {
  const blocks: string[] = [];
  let inside = false;
  const parser = new Parser({
    onopentag: (name, attributes) => (inside = name === 'script' && attributes.type === 'application/ld+json') && void blocks.push(''),
    ontext: (text) => {
      if (inside) blocks[blocks.length - 1] += text;
    },
    onclosetag: () => (inside = false),
  });
  parser.write(html);
  parser.end();
  return blocks.map((block) => JSON.parse(block));
}

describe('control characters from the CMS in the feed, the sitemap and JSON-LD', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let site: SiteBuild;
  let slug: string;
  const build = siteBuilder(() => cms.url, () => cms.siteToken);

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const draft = await cms.strapi.documents(ARTICLE).create({ data: { title: TITLE, lead: LEAD, body: `Nội dung\u0001 bài viết.` } as never });
    await cms.strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    const stored = await cms.strapi.documents(ARTICLE).findOne({ documentId: draft.documentId, status: 'published' });
    // The CMS keeps what the editor pasted; the site cleans it at its boundary.
    expect(stored?.title).toBe(TITLE);
    slug = stored!.slug as string;
    site = await build();
    expect(site.ok, site.log).toBe(true);
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    if (site) rmSync(site.outDir, { recursive: true, force: true });
  });

  it('the cleaning is what the test expects', () => {
    expect(cleanText(TITLE)).toBe(CLEAN_TITLE);
    expect(cleanText(LEAD)).toBe(CLEAN_LEAD);
    expect(xmlErrors(`<t>${TITLE}</t>`).length).toBeGreaterThan(0);
  });

  it('writes an rss.xml every XML parser reads, with the cleaned title and lead', () => {
    const xml = readFileSync(path.join(site.outDir, 'rss.xml'), 'utf8');
    expect(xmlErrors(xml)).toEqual([]);
    const feed = new XMLParser().parse(xml) as { rss: { channel: { item: { title: string; description?: string }[] } } };
    const item = feed.rss.channel.item.find((entry) => entry.title === CLEAN_TITLE);
    expect(item?.description).toBe(CLEAN_LEAD);
  });

  it('writes a well-formed sitemap that lists the article', () => {
    const files = readdirSync(site.outDir).filter((name) => /^sitemap.*\.xml$/.test(name));
    expect(files).toContain('sitemap-index.xml');
    const all = files.map((name) => readFileSync(path.join(site.outDir, name), 'utf8'));
    for (const xml of all) expect(xmlErrors(xml)).toEqual([]);
    expect(all.join('')).toContain(`/tin-tuc/${slug}/</loc>`);
  });

  it('writes JSON-LD that parses, and a page without the characters', () => {
    const html = readPage(site.outDir, `/tin-tuc/${slug}/`);
    const article = jsonLd(html).find((block) => (block as { '@type'?: string })['@type'] === 'NewsArticle') as { headline: string; description: string };
    expect(article.headline).toBe(CLEAN_TITLE);
    expect(article.description).toBe(CLEAN_LEAD);
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(vietnameseSlug(CLEAN_TITLE)).toBe(slug);
  });
});
