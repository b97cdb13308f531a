import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { runAlertEdges } from '../../../cms/src/scheduling/run-alert-edges.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';
import samples from '../../../cms/src/seed/sample-notices.json' with { type: 'json' };

const NOTICE = CONTENT_TYPES.notice.uid;
const blamedPaths = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));
// 08:00 on 2 September 2026 in Hanoi, and minutes around it.
const AT = new Date('2026-09-02T08:00:00+07:00');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);

/** Thông báo: the alert banner's rules, the first-publish date, the sample import and the banner's edges, on one database. */
export function noticesSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let token: string;

  const createNotice = (data: Record<string, unknown>) => rest(`${cms.url}/api/notices`, { method: 'POST', token, body: { data } });
  const title = () => `Dữ liệu kiểm thử: thông báo ${Math.floor(Math.random() * 1e9)}`;

  beforeAll(async () => {
    db = await createTestDatabase(client);
    cms = await bootStrapi(db);
    token = await cms.fullAccessToken();
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  describe('the alert banner', () => {
    it.each([
      ['an end before its start', { alertSeverity: 'warning', alertStartsAt: minutes(10).toISOString(), alertEndsAt: minutes(5).toISOString() }, 'alertEndsAt'],
      ['an end equal to its start', { alertSeverity: 'info', alertStartsAt: minutes(10).toISOString(), alertEndsAt: minutes(10).toISOString() }, 'alertEndsAt'],
      ['a text without a severity', { alertText: 'Hệ thống tạm dừng tối nay' }, 'alertSeverity'],
      ['a start without a severity', { alertStartsAt: minutes(10).toISOString() }, 'alertSeverity'],
      ['an end without a severity', { alertEndsAt: minutes(10).toISOString() }, 'alertSeverity'],
      ['a downtime notice without a banner', { kind: 'downtime' }, 'alertSeverity'],
      ['a severity that is not one', { alertSeverity: 'critical' }, 'alertSeverity'],
      ['a kind that is not one', { kind: 'holiday' }, 'kind'],
    ])('refuses %s with a 400 naming the field', async (_label, alert, field) => {
      const response = await createNotice({ title: title(), ...alert });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(blamedPaths(response.body)).toEqual([field]);
    });

    it.each([
      ['a banner with both times', { alertSeverity: 'urgent', alertText: 'Mất điện trụ sở', alertStartsAt: minutes(0).toISOString(), alertEndsAt: minutes(60).toISOString() }],
      ['a banner without times (from the publish, until the notice is removed)', { alertSeverity: 'info' }],
      ['a planned downtime notice with its banner', { kind: 'downtime', alertSeverity: 'warning', alertStartsAt: minutes(0).toISOString() }],
      ['an urgent unplanned outage, announced at once', { kind: 'downtime', alertSeverity: 'urgent' }],
      ['no banner at all', {}],
    ])('takes %s', async (_label, alert) => {
      const response = await createNotice({ title: title(), ...alert });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    });

    it('checks an edit against what is saved: a new end before the saved start is refused', async () => {
      const created = await createNotice({ title: title(), alertSeverity: 'warning', alertStartsAt: minutes(30).toISOString() });
      expect(created.status).toBe(201);
      const url = `${cms.url}/api/notices/${created.body.data.documentId}`;
      const early = await rest(url, { method: 'PUT', token, body: { data: { alertEndsAt: minutes(20).toISOString() } } });
      expect(early.status, JSON.stringify(early.body)).toBe(400);
      expect(blamedPaths(early.body)).toEqual(['alertEndsAt']);
      const noSeverity = await rest(url, { method: 'PUT', token, body: { data: { alertSeverity: null } } });
      expect(noSeverity.status, JSON.stringify(noSeverity.body)).toBe(400);
      expect(blamedPaths(noSeverity.body)).toEqual(['alertSeverity']);
      const later = await rest(url, { method: 'PUT', token, body: { data: { alertEndsAt: minutes(90).toISOString() } } });
      expect(later.status, JSON.stringify(later.body)).toBe(200);
    });
  });

  describe('Ngày đăng', () => {
    it('defaults to the first publish, and stays as the editor set it otherwise', async () => {
      const before = Date.now();
      const blank = await cms.strapi.documents(NOTICE).create({ data: { title: title() } as never });
      const set = await cms.strapi.documents(NOTICE).create({ data: { title: title(), postedAt: '2026-10-01T02:00:00.000Z' } as never });
      for (const { documentId } of [blank, set]) await cms.strapi.documents(NOTICE).publish({ documentId });
      const posted = async (documentId: string) =>
        new Date(((await cms.strapi.documents(NOTICE).findOne({ documentId, status: 'published' })) as unknown as { postedAt: string }).postedAt).getTime();
      expect(await posted(blank.documentId)).toBeGreaterThanOrEqual(before - 1000);
      expect(await posted(set.documentId)).toBe(Date.parse('2026-10-01T02:00:00.000Z'));
    });
  });

  describe('the sample notices', () => {
    it('are published, marked Dữ liệu mẫu, with a downtime banner that has already ended', async () => {
      const published = (await rest(`${cms.url}/api/notices?pagination[pageSize]=100`, { token: cms.siteToken })).body.data as Array<Record<string, any>>;
      for (const sample of samples.notices) {
        const found = published.find((n) => n.title === sample.title);
        expect(found, sample.title).toBeDefined();
        expect(`${found!.summary} ${found!.body}`).toContain('Dữ liệu mẫu');
        if (found!.alertEndsAt) expect(Date.parse(found!.alertEndsAt)).toBeLessThan(Date.now());
      }
      expect(published.some((n) => n.kind === 'downtime' && n.alertSeverity === 'warning')).toBe(true);
    });
  });

  describe("the banner's edges", () => {
    it("emits one entry.update for a published notice when its banner's start or end passes, once each, and none for a draft", async () => {
      const events: Array<{ uid?: string; entry?: { documentId?: string; publishedAt?: unknown } }> = [];
      const listen = async (info: unknown) => void events.push(info as (typeof events)[number]);
      cms.strapi.eventHub.on('entry.update', listen);
      try {
        // A day of its own, away from the other tests' banners.
        const at = (n: number) => minutes(24 * 60 + n);
        const window = { alertSeverity: 'warning', alertStartsAt: at(0).toISOString(), alertEndsAt: at(30).toISOString() };
        const live = await cms.strapi.documents(NOTICE).create({ status: 'published', data: { title: title(), ...window } as never });
        const draft = await cms.strapi.documents(NOTICE).create({ data: { title: title(), ...window } as never });
        const edges = async (at: Date) => {
          events.length = 0;
          const emitted = await runAlertEdges(cms.strapi, at);
          return { emitted, events: events.filter((e) => e.uid === NOTICE).map((e) => e.entry?.documentId) };
        };

        await edges(at(-5)); // the first look only notes the time
        expect(await edges(at(-1))).toEqual({ emitted: [], events: [] });
        expect(await edges(at(1))).toEqual({ emitted: [live.documentId], events: [live.documentId] });
        expect(await edges(at(2))).toEqual({ emitted: [], events: [] });
        // The CMS down from 00:02 to 00:45: the end at 00:30 is caught at the first run after.
        expect(await edges(at(45))).toEqual({ emitted: [live.documentId], events: [live.documentId] });
        expect(events.every((e) => e.entry?.publishedAt)).toBe(true);
        expect(await edges(at(46))).toEqual({ emitted: [], events: [] });
        expect(draft.documentId).not.toBe(live.documentId);
      } finally {
        cms.strapi.eventHub.off('entry.update', listen);
      }
    });
  });
}
