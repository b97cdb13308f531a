import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { QUESTION_TOPICS } from '../../cms/src/content-model/types/question.js';
import { ENGAGEMENT_PATHS, FORM_REPLY_PATHS, QUESTION_FORM_PATH, entryPath, questionTopicPath, typeListingPath } from '../../cms/src/content-model/urls.js';
import { bootStrapi, type TestStrapi } from '../helpers/boot-strapi.js';
import { executableMarkup } from '../helpers/executable-markup.js';
import { rest } from '../helpers/rest.js';
import { pageUrls, readPage, siteBuilder, type SiteBuild } from '../helpers/site-build.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/test-database.js';
import { XSS_PAYLOADS } from '../helpers/xss-payloads.js';

const QUESTION = CONTENT_TYPES.question.uid;
const TOPICS = Object.keys(QUESTION_TOPICS);

/**
 * The XSS corpus sent as citizens' questions through the question token (what the engagement
 * service does with the form), in every field a citizen fills, then answered by an editor with
 * the same payload as Markdown and published: nothing of it runs on the built site.
 */
describe('Hỏi đáp: the XSS corpus from the form onto the built site', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let site: SiteBuild;
  const slugs: string[] = [];
  const build = siteBuilder(() => cms.url, () => cms.siteToken);

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    for (const [index, [name, payload]] of XSS_PAYLOADS.entries()) {
      const sent = await rest(`${cms.url}/api/questions`, {
        method: 'POST',
        token: cms.questionToken,
        body: {
          data: {
            topic: TOPICS[index % TOPICS.length],
            title: payload.slice(0, 200),
            question: `Câu hỏi ${index} (${name}): ${payload}`,
            askerName: payload.slice(0, 100),
          },
        },
      });
      if (sent.status !== 201) throw new Error(`${name}: ${sent.status} ${JSON.stringify(sent.body)}`);
      const { documentId } = sent.body.data;
      await cms.strapi.documents(QUESTION).update({
        documentId,
        data: { answer: `Trả lời ${index}:\n\n${payload}`, answeringUnit: payload.slice(0, 200), answeredAt: '2026-12-01' } as never,
      });
      const published = await cms.strapi.documents(QUESTION).publish({ documentId });
      slugs.push((published.entries[0] as unknown as { slug: string }).slug);
    }
    site = await build();
    if (!site.ok) throw new Error(site.log);
  }, 600_000);

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it('stores no markup from a citizen', async () => {
    const stored = await cms.strapi.db.query(QUESTION).findMany({ where: { publishedAt: null } });
    for (const q of stored.filter((row: { question: string }) => row.question.startsWith('Câu hỏi '))) {
      for (const field of ['title', 'question', 'askerName']) expect(q[field] ?? '', `${q.documentId}.${field}`).not.toMatch(/<[a-z!/]/i);
    }
  });

  it('publishes every question of the corpus', () => {
    expect(slugs).toHaveLength(XSS_PAYLOADS.length);
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(55);
  });

  it('renders each question page inert', () => {
    const bad = slugs.flatMap((slug) => executableMarkup(readPage(site.outDir, entryPath(CONTENT_TYPES.question, slug))).map((found) => `${slug}: ${found}`));
    expect(bad).toEqual([]);
  });

  it('renders the listing, its later pages, the topic pages and the site map inert', () => {
    const base = typeListingPath(CONTENT_TYPES.question);
    const urls = pageUrls(site.outDir).filter((url) => url.startsWith(`${base}trang/`) || url.startsWith(`${base}chu-de/`));
    expect(urls).toContain(`${base}trang/2/`);
    expect(urls).toContain(questionTopicPath(TOPICS[0]!));
    for (const url of [base, ...urls, '/so-do-trang/', '/']) expect(executableMarkup(readPage(site.outDir, url)), url).toEqual([]);
  });

  it('builds the form as a plain post with the honeypot and the self-hosted widget, and its reply page noindex', () => {
    const form = readPage(site.outDir, QUESTION_FORM_PATH);
    expect(form).toContain(`<form method="post" action="${ENGAGEMENT_PATHS.ask}"`);
    for (const name of ['chu-de', 'cau-hoi', 'ho-ten', 'email', 'website']) expect(form).toContain(`name="${name}"`);
    expect(form).toMatch(/<input[^>]*name="website"[^>]*tabindex="-1"[^>]*autocomplete="off"/);
    expect(form).toContain('Không điền ô này');
    expect(form).toContain('maxlength="2000"');
    expect(form).toContain(`challenge="${ENGAGEMENT_PATHS.altcha}"`);
    // The widget's script is one of the site's own files, on this page only.
    expect(form).toMatch(/<script type="module" src="\/_astro\/[\w.-]+\.js"><\/script>/);
    expect(executableMarkup(form)).toEqual([]);
    expect(readPage(site.outDir, '/')).not.toContain('altcha');
    expect(readPage(site.outDir, FORM_REPLY_PATHS.questionSent)).toMatch(/<meta name="robots" content="noindex/);
  });
});
