import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import type { PublisherStatus } from '../../../scripts/publisher/publisher.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { startLivePublisher, type LivePublisher } from '../../helpers/live-publisher.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { waitFor } from './support/harness.js';

const SECRET = 'alert-banner-on-time-secret';
const NOTICE = CONTENT_TYPES.notice.uid;
const BANNER = 'Hệ thống một cửa điện tử tạm dừng để bảo trì (thử).';
/** Long enough for one full release after the publish, and one after the start edge. */
const LEAD_MS = 60_000;
const WINDOW_MS = 60_000;

/**
 * A notice's alert banner comes and goes at its times with nobody touching anything: a real
 * Strapi whose cron (ticking every two seconds here, every minute in production) emits the
 * edges, the real publisher building and swapping releases, the live site fetched over HTTP.
 */
describe('the alert banner appears and disappears at its times', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let live: LivePublisher;

  const home = async () => (await fetch(`${live.siteUrl}/`)).text();
  /** The first idle status with a successful build that started at or after `after`. */
  const builtAfter = (after: number) =>
    waitFor(async () => {
      const s = await live.status();
      return s.state === 'idle' && s.pending.length === 0 && s.history.some((b) => b.ok && Date.parse(b.startedAt) >= after) ? s : undefined;
    }, 240_000, `a build after ${new Date(after).toISOString()}`);
  const triggersSince = (s: PublisherStatus, after: number) => s.history.filter((b) => Date.parse(b.startedAt) >= after).flatMap((b) => b.trigger);

  beforeAll(async () => {
    const hooksPort = await freePort();
    db = sqliteDatabase();
    cms = await bootStrapi(db, {
      REBUILD_SECRET: SECRET,
      PUBLISHER_HOOK_URL: `http://127.0.0.1:${hooksPort}/hooks/strapi`,
      CRON_ENABLED: 'true',
      SCHEDULING_CRON_RULE: '*/2 * * * * *',
    });
    live = await startLivePublisher({ cmsUrl: () => cms.url, siteToken: () => cms.siteToken, secret: SECRET, hooksPort });
    const deploy = await fetch(`${live.hooksUrl}/hooks/deploy`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    expect(deploy.status).toBe(202);
    await live.settled(1);
  }, 300_000);

  afterAll(async () => {
    await live?.stop();
    await cms?.stop();
    await db?.drop();
    for (const name of ['REBUILD_SECRET', 'PUBLISHER_HOOK_URL', 'CRON_ENABLED', 'SCHEDULING_CRON_RULE']) delete process.env[name];
  });

  it('is off before its start, on after it, off after its end, without an editor in between', async () => {
    const startsAt = Date.now() + LEAD_MS;
    const endsAt = startsAt + WINDOW_MS;
    const builds = (await live.status()).history.length;
    const notice = await cms.strapi.documents(NOTICE).create({
      status: 'published',
      data: {
        title: 'Bảo trì hệ thống một cửa điện tử (thử)',
        kind: 'downtime',
        alertSeverity: 'warning',
        alertText: BANNER,
        alertStartsAt: new Date(startsAt).toISOString(),
        alertEndsAt: new Date(endsAt).toISOString(),
      } as never,
    });

    // The publish itself goes live first, before the banner's time.
    await live.settled(builds + 1);
    expect(Date.now(), 'the publish took longer to go live than the lead before the start').toBeLessThan(startsAt);
    expect(await home()).not.toContain(BANNER);
    expect(await (await fetch(`${live.siteUrl}/thong-bao/bao-tri-he-thong-mot-cua-dien-tu-thu/`)).text()).toContain('Bảo trì hệ thống một cửa điện tử (thử)');

    const on = await builtAfter(startsAt);
    expect(Date.now(), 'the start edge took longer to go live than the window').toBeLessThan(endsAt);
    expect(await home()).toContain(BANNER);
    expect(triggersSince(on, startsAt)).toEqual([expect.objectContaining({ source: 'strapi', event: 'entry.update', documentId: notice.documentId })]);

    const off = await builtAfter(endsAt);
    expect(await home()).not.toContain(BANNER);
    expect(triggersSince(off, endsAt)).toEqual([expect.objectContaining({ source: 'strapi', event: 'entry.update', documentId: notice.documentId })]);
  }, 400_000);
});
