import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { entryPath, SITE_PATHS, typeListingPath, WITHDRAWN_ROOT } from '../../../cms/src/content-model/urls.js';
import { generateCorpus } from '../../../scripts/corpus/generate-corpus.js';
import { seededRandom } from '../../../scripts/corpus/random.js';
import { buildSite } from '../../../scripts/publisher/build-site.js';
import { pageMapDir, readSearchQuarters } from '../../../scripts/publisher/incremental/page-map.js';
import { RENDERED_BY_RENDERER } from '../../../scripts/publisher/incremental/site-builder.js';
import { SITEMAP_FROM_LIVE } from '../../../site/integrations/incremental-sitemap.js';
import { newTrigger, type Trigger } from '../../../scripts/publisher/trigger.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { documentType, publishDocument } from '../../helpers/legal-documents.js';
import { startLivePublisher, type LivePublisher } from '../../helpers/live-publisher.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { waitFor } from './support/harness.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { NGINX_REDIRECTS_FILE } from '../../../scripts/production/nginx-redirects.js';
import { readReleaseRedirects } from '../../../scripts/publisher/release-redirects.js';

const ARTICLE = 'api::article.article';
const ATTENDEE = 'api::attendee.attendee';
const TASK = 'api::resolution-task.resolution-task';
const GALLERY = 'api::photo-gallery.photo-gallery';
const CATEGORY = 'api::category.category';
const DOCUMENT = 'api::legal-document.legal-document';
const PAGE = 'api::page.page';
const PROCEDURE = 'api::procedure.procedure';
const NOTICE = 'api::notice.notice';
const SETTINGS = 'api::site-setting.site-setting';
const BODIES = ['UBND quận Hai Bà Trưng', 'HĐND quận Hai Bà Trưng', 'UBND phường Bạch Mai'];
const AREAS = ['Đô thị', 'Giáo dục', 'Văn hóa'];
const PROCEDURE_AREAS = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Bảo trợ xã hội'];
const LEVELS = ['full_online', 'partial_online', 'information'];
const DAY = 24 * 3_600_000;
const EDITS = 50;

type Uid = typeof ARTICLE;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text as Astro prints it in a page. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Every file of a release, relative to it. */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((name) => {
    const relative = path.join(prefix, name);
    return statSync(path.join(dir, relative)).isDirectory() ? filesOf(dir, relative) : [relative];
  });
}

/**
 * The proof of incremental releases: a random sequence of edits, publishes, unpublishes and
 * deletions of every type with pages (news, people and leaders, key tasks, galleries, Văn bản,
 * profile pages, procedures), each released incrementally on top of the last, ends in the same
 * site a full build of the same content makes — every page, feed, sitemap and search-index file.
 * Among them the changes every page shows: the unit renamed in its settings, a notice's banner.
 */
describe('incremental releases', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let live: LivePublisher;
  const docs = (uid: string) => cms.strapi.documents(uid as Uid);

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const images = (await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } })) as { id: number }[];
    await generateCorpus(cms.strapi, { articles: 30, categories: 3, people: 6, imageIds: images.map((f) => f.id) });
    // Văn bản: a few documents across types, years, bodies and fields, citing articles.
    const r = seededRandom(11);
    const types = [await documentType(cms.strapi, 'Quyết định', 2), await documentType(cms.strapi, 'Kế hoạch', 4)];
    const articles = (await docs(ARTICLE).findMany({ status: 'published', fields: ['documentId'], limit: 1000 })).map((a) => a.documentId);
    for (let i = 1; i <= 6; i += 1) {
      await publishDocument(cms.strapi, {
        number: `${i}/202${i % 3}/QĐ-THU`,
        documentType: r.pick(types).documentId,
        issuingBody: r.pick(BODIES),
        issuedAt: `202${i % 3}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
        summary: `Văn bản thử số ${i} về công tác quản lý`,
        subjectArea: r.pick(AREAS),
        articles: [r.pick(articles)],
      });
    }
    // The unit's own pages: a profile page with two children, procedures, leaders, and notices whose
    // banner edges lie outside the test's run (an edge would be the scheduler's rebuild, not ours).
    const about = await docs(PAGE).create({ status: 'published', data: { title: 'Giới thiệu chung', summary: 'Tổng quan về đơn vị.', body: 'Phường được thành lập **ngày 1/7/2025**.', order: 1 } as never });
    for (const [order, title] of ['Lịch sử hình thành', 'Điều kiện tự nhiên'].entries()) {
      await docs(PAGE).create({ status: 'published', data: { title, body: `Nội dung ${title.toLocaleLowerCase('vi')}.`, parent: about.documentId, order } as never });
    }
    await docs(PAGE).create({ status: 'published', data: { title: 'Chức năng, nhiệm vụ', body: '- Quản lý nhà nước trên địa bàn\n- Tiếp công dân', order: 2 } as never });
    for (let i = 1; i <= 4; i += 1) await createProcedure(r, i);
    const people = await docs(ATTENDEE).findMany({ fields: ['documentId'], limit: 2 });
    for (const [i, person] of people.entries()) {
      await docs(ATTENDEE).update({ documentId: person.documentId, data: { leaderOrder: i + 1, currentPosition: i ? 'Phó Chủ tịch UBND phường' : 'Chủ tịch UBND phường', duties: 'Phụ trách chung.', officialEmail: `lanhdao${i + 1}@example.gov.vn` } as never });
    }
    await createNotice(0, { alertSeverity: 'warning', alertStartsAt: new Date(Date.now() - DAY).toISOString(), alertEndsAt: new Date(Date.now() + 3 * DAY).toISOString() });
    await createNotice(1, { alertSeverity: 'info', alertStartsAt: new Date(Date.now() + 10 * DAY).toISOString(), alertEndsAt: new Date(Date.now() + 12 * DAY).toISOString() });
    // A settings edit re-renders every page: at this size, past 40 files it is compressed fast and upgraded while idle, as a big site's is.
    live = await startLivePublisher({ cmsUrl: () => cms.url, siteToken: () => cms.siteToken, secret: 'incremental-secret', hooksPort: await freePort(), massRewriteFiles: 40 });
  }, 300_000);

  afterAll(async () => {
    await live?.stop();
    await cms?.stop();
    await db?.drop();
  });

  async function createProcedure(r: ReturnType<typeof seededRandom>, n: number) {
    return docs(PROCEDURE).create({
      status: 'published',
      data: {
        code: `1.00${String(n).padStart(4, '0')}`,
        name: `Thủ tục thử số ${n}: cấp bản sao trích lục`,
        subjectArea: r.pick(PROCEDURE_AREAS),
        level: r.pick(LEVELS),
        nationalPortalUrl: `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${n}`,
        implementingBody: 'UBND phường',
        processingTime: `${n} ngày làm việc`,
        summary: `Thủ tục thử số ${n}.`,
      } as never,
    });
  }

  async function createNotice(n: number, alert: Record<string, string> = {}) {
    return docs(NOTICE).create({
      status: 'published',
      data: { title: `Thông báo thử số ${n}`, kind: 'general', postedAt: new Date(Date.UTC(2026, 10, 1 + (n % 28))).toISOString(), summary: `Thông báo số ${n}.`, body: 'Nội dung thông báo.', ...alert } as never,
    });
  }

  /** Queues one change and waits for the build that carried it. */
  async function release(trigger: Trigger) {
    live.publisher.enqueue(trigger);
    const status = await waitFor(async () => {
      const s = await live.status();
      return s.state === 'idle' && s.pending.length === 0 && s.history[0]?.trigger.some((t) => t.id === trigger.id) ? s : undefined;
    }, 240_000, `the build of ${trigger.id}`);
    const record = status.history[0]!;
    expect(record, record.error ?? '').toMatchObject({ ok: true });
    return record;
  }

  it(`releases ${EDITS} random changes one by one, each incrementally (the settings and notices too), and ends where a full build does`, async () => {
    const first = await release(newTrigger({ source: 'deploy' }));
    expect(first.build).toMatchObject({ kind: 'full' });

    const r = seededRandom(7);
    const categories = (await docs(CATEGORY).findMany({ fields: ['documentId'] })).map((c) => c.documentId);
    const people = (await docs(ATTENDEE).findMany({ fields: ['documentId', 'fullName'] })) as unknown as { documentId: string; fullName: string }[];
    const unpublished: string[] = [];
    const publishedDocuments = async () => (await docs(DOCUMENT).findMany({ status: 'published', fields: ['documentId'], limit: 1000 })) as unknown as { documentId: string }[];
    const published = async () =>
      (await docs(ARTICLE).findMany({ status: 'published', fields: ['documentId', 'title', 'body'], limit: 1000 })) as unknown as { documentId: string; title: string; body: string }[];

    const publishedOf = async (uid: string) => (await docs(uid).findMany({ status: 'published', fields: ['documentId'], limit: 1000 })) as unknown as { documentId: string }[];
    const publishedPages = async () =>
      (await docs(PAGE).findMany({ status: 'published', fields: ['documentId'], populate: { children: { fields: ['documentId'] } }, limit: 1000 })) as unknown as {
        documentId: string;
        children: unknown[];
      }[];
    const leaders = async () => {
      const current = (await docs(ATTENDEE).findMany({ fields: ['documentId'], filters: { leaderOrder: { $notNull: true } } as never, limit: 1000 })) as unknown as { documentId: string }[];
      return current.length ? current : people;
    };

    type Change = { uid: string; documentId: string; what: string };
    /** What the release right after a slug change or an unpublish must answer at the old address. */
    type Check = { kind: 'moved'; from: string; to: string } | { kind: 'withdrawn'; from: string; title: string };
    const checks: Check[] = [];
    let redirectsChecked = 0;
    const liveDir = () => path.join(live.publisherDir, 'current');
    const changes: Record<string, (step: number) => Promise<Change>> = {
      async retitle(step) {
        const a = r.pick(await published());
        await docs(ARTICLE).update({ documentId: a.documentId, data: { title: `${a.title.replace(/ \(sửa \d+\)$/, '')} (sửa ${step})` } as never });
        await docs(ARTICLE).publish({ documentId: a.documentId });
        return { uid: ARTICLE, documentId: a.documentId, what: 'title' };
      },
      async rewrite(step) {
        const a = r.pick(await published());
        await docs(ARTICLE).update({ documentId: a.documentId, data: { body: `${a.body}\n\nĐoạn bổ sung lần ${step}: hội nghị tổng kết.` } as never });
        await docs(ARTICLE).publish({ documentId: a.documentId });
        return { uid: ARTICLE, documentId: a.documentId, what: 'body' };
      },
      async redate() {
        const a = r.pick(await published());
        const postedAt = new Date(Date.UTC(2019 + r.int(0, 6), r.int(0, 11), r.int(1, 28), r.int(0, 23))).toISOString();
        await docs(ARTICLE).update({ documentId: a.documentId, data: { postedAt } as never });
        await docs(ARTICLE).publish({ documentId: a.documentId });
        return { uid: ARTICLE, documentId: a.documentId, what: 'postedAt' };
      },
      async recategorise() {
        const a = r.pick(await published());
        await docs(ARTICLE).update({ documentId: a.documentId, data: { category: r.pick(categories) } as never });
        await docs(ARTICLE).publish({ documentId: a.documentId });
        return { uid: ARTICLE, documentId: a.documentId, what: 'category' };
      },
      async add(step) {
        const created = await docs(ARTICLE).create({
          status: 'published',
          data: {
            title: `Quận tổ chức hội nghị chuyên đề số ${step}`,
            lead: `Tin mới thứ ${step}.`,
            body: 'Hội nghị đã thống nhất các nhiệm vụ trọng tâm.',
            postedAt: new Date(Date.UTC(2025, r.int(0, 11), r.int(1, 28))).toISOString(),
            category: r.pick(categories),
            attendees: [{ person: r.pick(people).documentId, position: 'Chủ trì hội nghị' }],
          } as never,
        });
        return { uid: ARTICLE, documentId: created.documentId, what: 'new article' };
      },
      async reslug(step) {
        const a = r.pick(await published()) as { documentId: string };
        const { slug } = (await docs(ARTICLE).findOne({ documentId: a.documentId, status: 'published', fields: ['slug'] })) as unknown as { slug: string };
        const moved = `${slug.replace(/-doi-\d+$/, '')}-doi-${step}`;
        await docs(ARTICLE).update({ documentId: a.documentId, data: { slug: moved } as never });
        await docs(ARTICLE).publish({ documentId: a.documentId });
        checks.push({ kind: 'moved', from: entryPath(CONTENT_TYPES.article, slug), to: entryPath(CONTENT_TYPES.article, moved) });
        return { uid: ARTICLE, documentId: a.documentId, what: `slug ${slug} → ${moved}` };
      },
      async unpublish() {
        const a = r.pick(await published());
        const { slug } = (await docs(ARTICLE).findOne({ documentId: a.documentId, status: 'published', fields: ['slug'] })) as unknown as { slug: string };
        await docs(ARTICLE).unpublish({ documentId: a.documentId });
        unpublished.push(a.documentId);
        checks.push({ kind: 'withdrawn', from: entryPath(CONTENT_TYPES.article, slug), title: a.title });
        return { uid: ARTICLE, documentId: a.documentId, what: 'unpublished' };
      },
      async republish() {
        const documentId = unpublished.shift() ?? r.pick(await published()).documentId;
        await docs(ARTICLE).publish({ documentId });
        return { uid: ARTICLE, documentId, what: 'published again' };
      },
      async remove() {
        const a = r.pick(await published());
        await docs(ARTICLE).delete({ documentId: a.documentId });
        return { uid: ARTICLE, documentId: a.documentId, what: 'deleted' };
      },
      async renamePerson(step) {
        const person = r.pick(people);
        await docs(ATTENDEE).update({ documentId: person.documentId, data: { fullName: `${person.fullName} ${step}` } as never });
        return { uid: ATTENDEE, documentId: person.documentId, what: 'person renamed' };
      },
      async retask(step) {
        const task = r.pick(await docs(TASK).findMany({ fields: ['documentId'], limit: 1000 }));
        await docs(TASK).update({ documentId: task.documentId, data: { title: `Nhiệm vụ được điều chỉnh lần ${step}` } as never });
        return { uid: TASK, documentId: task.documentId, what: 'task' };
      },
      async redocument(step) {
        const d = r.pick(await publishedDocuments());
        await docs(DOCUMENT).update({
          documentId: d.documentId,
          data: { summary: `Văn bản được sửa lần ${step}`, subjectArea: r.pick(AREAS), issuingBody: r.pick(BODIES), articles: [r.pick(await published()).documentId] } as never,
        });
        await docs(DOCUMENT).publish({ documentId: d.documentId });
        return { uid: DOCUMENT, documentId: d.documentId, what: 'document edited' };
      },
      async addDocument(step) {
        const types = (await docs('api::document-type.document-type').findMany({ fields: ['documentId'] })).map((t) => t.documentId);
        const created = await publishDocument(cms.strapi, {
          number: `${step}/2025/KH-THU`,
          documentType: r.pick(types),
          issuingBody: r.pick(BODIES),
          issuedAt: `2025-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(10, 28))}`,
          summary: `Kế hoạch thử số ${step}`,
          subjectArea: r.pick(AREAS),
        });
        return { uid: DOCUMENT, documentId: created.documentId, what: 'new document' };
      },
      async replaceDocument() {
        const [old, replacement] = [r.pick(await publishedDocuments()), r.pick(await publishedDocuments())];
        if (old.documentId === replacement.documentId) return this.redocument!(0);
        await docs(DOCUMENT).update({ documentId: old.documentId, data: { validity: 'replaced', replacedBy: replacement.documentId } as never });
        await docs(DOCUMENT).publish({ documentId: old.documentId });
        return { uid: DOCUMENT, documentId: old.documentId, what: `document replaced by ${replacement.documentId}` };
      },
      async unpublishDocument() {
        const d = r.pick(await publishedDocuments());
        await docs(DOCUMENT).unpublish({ documentId: d.documentId });
        return { uid: DOCUMENT, documentId: d.documentId, what: 'document unpublished' };
      },
      async addPage(step) {
        const pages = await publishedPages();
        const parent = pages.length && r.int(0, 1) ? r.pick(pages).documentId : null;
        const created = await docs(PAGE).create({ status: 'published', data: { title: `Trang giới thiệu thử ${step}`, body: `Nội dung trang ${step}.`, parent, order: r.int(0, 5) } as never });
        return { uid: PAGE, documentId: created.documentId, what: `new page under ${parent}` };
      },
      async editPage(step) {
        const p = r.pick(await publishedPages());
        await docs(PAGE).update({ documentId: p.documentId, data: { title: `Trang đã sửa lần ${step}`, summary: `Tóm tắt sửa lần ${step}.`, order: r.int(0, 5) } as never });
        await docs(PAGE).publish({ documentId: p.documentId });
        return { uid: PAGE, documentId: p.documentId, what: 'page edited' };
      },
      async reparentPage() {
        // A leaf moves under another page, or to the top: no cycle can form.
        const pages = await publishedPages();
        const leaf = r.pick(pages.filter((p) => p.children.length === 0));
        const others = pages.filter((p) => p.documentId !== leaf.documentId);
        const parent = others.length && r.int(0, 2) ? r.pick(others).documentId : null;
        await docs(PAGE).update({ documentId: leaf.documentId, data: { parent } as never });
        await docs(PAGE).publish({ documentId: leaf.documentId });
        return { uid: PAGE, documentId: leaf.documentId, what: `page moved under ${parent}` };
      },
      async unpublishPage() {
        const p = r.pick(await publishedPages());
        await docs(PAGE).unpublish({ documentId: p.documentId });
        return { uid: PAGE, documentId: p.documentId, what: 'page unpublished' };
      },
      async appointLeader(step) {
        const person = r.pick(people);
        await docs(ATTENDEE).update({
          documentId: person.documentId,
          data: { leaderOrder: r.int(1, 6), currentPosition: `Ủy viên UBND phường (bổ nhiệm lần ${step})`, duties: `Phụ trách lĩnh vực thử ${step}.`, officialEmail: `lanhdao.thu${step}@example.gov.vn` } as never,
        });
        return { uid: ATTENDEE, documentId: person.documentId, what: 'leader appointed' };
      },
      async reassignLeader(step) {
        const person = r.pick(await leaders());
        await docs(ATTENDEE).update({ documentId: person.documentId, data: { leaderOrder: r.int(1, 6), duties: `Phân công lại lần ${step}: văn hóa, xã hội.`, currentPosition: `Phó Chủ tịch UBND phường (lần ${step})` } as never });
        return { uid: ATTENDEE, documentId: person.documentId, what: 'leader order, duties and position' };
      },
      async retireLeader() {
        const person = r.pick(await leaders());
        await docs(ATTENDEE).update({ documentId: person.documentId, data: { leaderOrder: null } as never });
        return { uid: ATTENDEE, documentId: person.documentId, what: 'leader retired' };
      },
      async addProcedure(step) {
        const created = await createProcedure(r, 100 + step);
        return { uid: PROCEDURE, documentId: created.documentId, what: 'new procedure' };
      },
      async editProcedure(step) {
        const p = r.pick(await publishedOf(PROCEDURE));
        await docs(PROCEDURE).update({ documentId: p.documentId, data: { subjectArea: r.pick(PROCEDURE_AREAS), level: r.pick(LEVELS), fee: `${step}.000 đồng` } as never });
        await docs(PROCEDURE).publish({ documentId: p.documentId });
        return { uid: PROCEDURE, documentId: p.documentId, what: 'procedure field and level' };
      },
      async unpublishProcedure() {
        const p = r.pick(await publishedOf(PROCEDURE));
        await docs(PROCEDURE).unpublish({ documentId: p.documentId });
        return { uid: PROCEDURE, documentId: p.documentId, what: 'procedure unpublished' };
      },
      async addNotice(step) {
        const created = await createNotice(step);
        return { uid: NOTICE, documentId: created.documentId, what: 'new notice' };
      },
      async editNotice(step) {
        const n = r.pick(await publishedOf(NOTICE));
        await docs(NOTICE).update({ documentId: n.documentId, data: { title: `Thông báo đã sửa lần ${step}`, alertSeverity: r.pick(['info', 'warning', 'urgent']), alertText: `Băng cảnh báo sửa lần ${step}` } as never });
        await docs(NOTICE).publish({ documentId: n.documentId });
        return { uid: NOTICE, documentId: n.documentId, what: 'notice edited' };
      },
      // What every page shows: the unit's name, its agency, the slogan, the footer.
      async renameUnit(step) {
        const data = { portalName: `Cổng thông tin phường thử lần ${step}`, agencyName: `Ủy ban nhân dân phường thử ${step}`, slogan: `Khẩu hiệu năm, lần ${step}`, footerText: `Chân trang sửa lần ${step}` };
        const settings = await docs(SETTINGS).findFirst({ fields: ['documentId'] });
        const saved = settings ? await docs(SETTINGS).update({ documentId: settings.documentId, data: data as never }) : await docs(SETTINGS).create({ data: data as never });
        return { uid: SETTINGS, documentId: saved!.documentId, what: 'unit renamed in the settings' };
      },
      async renameCategory(step) {
        const documentId = r.pick(categories);
        await docs(CATEGORY).update({ documentId, data: { name: `Chuyên mục đổi tên lần ${step}` } as never });
        return { uid: CATEGORY, documentId, what: 'category renamed' };
      },
      async regallery(step) {
        const gallery = r.pick(await docs(GALLERY).findMany({ status: 'published', fields: ['documentId'], limit: 1000 }));
        await docs(GALLERY).update({ documentId: gallery.documentId, data: { title: `Hình ảnh hội nghị, cập nhật ${step}` } as never });
        await docs(GALLERY).publish({ documentId: gallery.documentId });
        return { uid: GALLERY, documentId: gallery.documentId, what: 'gallery' };
      },
    };
    const kinds = Object.keys(changes);
    const log: string[] = [];
    let reused = 0;
    let patchedSitemaps = 0;
    let fastRewrites = 0;
    for (let step = 1; step <= EDITS; step += 1) {
      const kind = step <= kinds.length ? kinds[step - 1]! : r.pick(kinds);
      const change = await changes[kind]!(step);
      log.push(`${step}: ${change.what} ${change.documentId}`);
      const record = await release(newTrigger({ source: 'strapi', event: 'entry.publish', uid: change.uid, documentId: change.documentId }));
      // The CMS wrote the redirect in the same transaction; the release carries it.
      for (const check of checks.splice(0)) {
        const rule = (await readReleaseRedirects(liveDir())).rules.find((candidate) => candidate.from === check.from);
        if (check.kind === 'moved') {
          expect(rule, log.join('\n')).toMatchObject({ code: 301, to: check.to });
        } else {
          expect(rule, log.join('\n')).toMatchObject({ code: 410, to: null });
          const page = readFileSync(path.join(liveDir(), rule!.page!), 'utf8');
          expect(page).toContain('<meta name="robots" content="noindex">');
          expect(page).toContain('Đã gỡ:');
          expect(page.normalize('NFC')).toContain(`<h1>${escapeHtml(check.title.normalize('NFC'))}</h1>`);
        }
        redirectsChecked += 1;
      }
      // A notice's banner and the settings are on every page: they re-render every page, incrementally too.
      expect(record.build, log.join('\n')).toMatchObject({ kind: 'incremental' });
      // Rendered by the long-lived renderer, not by a fallback `astro build` of its own.
      const buildLog = readFileSync(path.join(live.publisherDir, record.log), 'utf8');
      expect(buildLog).toContain(RENDERED_BY_RENDERER);
      if (buildLog.includes(SITEMAP_FROM_LIVE)) patchedSitemaps += 1;
      if (/shards written: .*\(kept index\)/.test(buildLog)) reused += 1;
      if (buildLog.includes('at the fast level until live')) fastRewrites += 1;
    }
    // Most changes keep an article's posting time: the shard index kept from the last build takes them.
    expect(reused).toBeGreaterThan(10);
    // Their sitemaps are the live release's with the rendered pages put in. Counted, not asserted
    // for each: the renderer's last log lines can reach the log after its answer, and be lost.
    expect(patchedSitemaps).toBeGreaterThan(EDITS / 2);

    expect(redirectsChecked).toBeGreaterThanOrEqual(2);
    // The settings edits rewrote every page: compressed fast, upgraded while idle, and the end is still a full build's.
    expect(fastRewrites).toBeGreaterThanOrEqual(1);
    const incremental = (await live.status()).current!;
    const full = await release(newTrigger({ source: 'cli' }));
    expect(full.build).toMatchObject({ kind: 'full' });
    const releases = path.join(live.publisherDir, 'releases');
    const [a, b] = [path.join(releases, incremental), path.join(releases, full.id)];
    const [left, right] = [filesOf(a), filesOf(b)];
    // Declared: an image variant that no page shows any more stays until the next full build.
    const orphan = (file: string) => file.startsWith(`_astro${path.sep}`) && /\.(webp|avif|jpe?g|png)$/.test(file);
    expect(left.filter((f) => !right.includes(f) && !orphan(f))).toEqual([]);
    expect(right.filter((f) => !left.includes(f))).toEqual([]);
    const different = right.filter((file) => !readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))));
    expect(different, log.join('\n')).toEqual([]);
    expect(right.filter((f) => f.endsWith('index.html')).length).toBeGreaterThan(50);
    // The withdrawn pages are in the release only as the bodies of their 410s: not in the sitemap, the feed or the search.
    const { rules } = await readReleaseRedirects(b);
    const gone = rules.filter((rule) => rule.code === 410);
    expect(gone.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(b, '_redirects'), 'utf8')).toContain(`${gone[0]!.from} /${gone[0]!.page!.replace(/index\.html$/, '')} 410`);
    const sitemaps = right.filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => readFileSync(path.join(b, f), 'utf8')).join('');
    const rss = readFileSync(path.join(b, 'rss.xml'), 'utf8');
    for (const rule of gone) {
      expect(sitemaps).not.toContain(path.dirname(rule.page!));
      expect(sitemaps).not.toContain(rule.from);
      expect(rss).not.toContain(rule.from);
    }
    const searched = Object.keys((await readSearchQuarters(pageMapDir(live.publisherDir, full.id))) ?? {});
    expect(searched.length).toBeGreaterThan(10);
    expect(searched.filter((page) => page.startsWith(WITHDRAWN_ROOT))).toEqual([]);
    // The unit's own pages were compared with the changes in them.
    const listing = (root: string) => readFileSync(path.join(b, root, 'index.html'), 'utf8').normalize('NFC');
    expect(listing(typeListingPath(CONTENT_TYPES.page))).toMatch(/Trang (giới thiệu thử|đã sửa lần) \d+/);
    expect(listing(SITE_PATHS.leaders)).toMatch(/(bổ nhiệm|Phân công lại) lần \d+/);
    expect(listing(typeListingPath(CONTENT_TYPES.procedure))).toMatch(/Thủ tục thử số \d+/);
    expect(listing(typeListingPath(CONTENT_TYPES.notice))).toMatch(/Thông báo đã sửa lần \d+/);
    // And what every page shows: an article page that no edit touched carries the renamed unit.
    const untouched = readFileSync(path.join(b, right.find((f) => f.startsWith(`tin-tuc${path.sep}`) && f.endsWith('index.html'))!), 'utf8').normalize('NFC');
    expect(untouched).toMatch(/Cổng thông tin phường thử lần \d+/);
    expect(untouched).toMatch(/Chân trang sửa lần \d+/);

    // The renderer's full build is Astro's own: `astro build` in a process of its own makes the same site.
    const cli = mkdtempSync(path.join(os.tmpdir(), 'portal-cli-build-'));
    try {
      await buildSite(cli, { strapiUrl: cms.url, strapiToken: cms.siteToken, log: new PassThrough().resume() });
      // Besides the variants, the publisher adds nginx's redirects, made from the site's redirects.json.
      const variant = (file: string) => /\.(br|gz)$/.test(file) || file === NGINX_REDIRECTS_FILE;
      expect(right.filter((f) => !variant(f))).toEqual(filesOf(cli));
      expect(filesOf(cli).filter((file) => !readFileSync(path.join(cli, file)).equals(readFileSync(path.join(b, file))))).toEqual([]);
    } finally {
      rmSync(cli, { recursive: true, force: true });
    }
  }, 1_800_000);
});
