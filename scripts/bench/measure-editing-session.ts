import sharp from 'sharp';
import { z } from 'zod';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { entryPath } from '../../cms/src/content-model/urls.js';
import { buildRecordSchema } from '../publisher/build-record.js';
import type { LocalPublisher } from '../publisher/local-publisher.js';
import { pageShows, waitUntil } from './publisher-probes.js';

export interface EditingSession {
  /** Publish-to-live of the articles (not site-wide). */
  publishes: number[];
  /** Publish-to-live of the settings edits (every page). */
  siteWide: number[];
  uploads: number;
  draftSaves: number;
  /** The builds the session caused, by kind, and those whose every trigger was a media event. */
  builds: { full: number; incremental: number; mediaOnly: number };
}

const statusSchema = z.object({ history: z.array(buildRecordSchema) });

/**
 * A newsroom's morning, `rounds` times over, with no pause for the publisher to be idle: the
 * photos for tomorrow's article are uploaded to the Media Library, today's article is saved as
 * a draft twice, then published, and its new title is awaited on the public site; every
 * fourth round an editor also changes the slogan in the site settings, awaited on the oldest
 * article's page. Through the CMS's REST API and its own webhooks, at the production debounce.
 */
export async function measureEditingSession(cms: { url: string; writeToken: string }, live: LocalPublisher, rounds: number): Promise<EditingSession> {
  const auth = { Authorization: `Bearer ${cms.writeToken}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const put = async (path: string, data: Record<string, unknown>) => {
    const answer = await fetch(`${cms.url}/api/${path}`, { method: 'PUT', headers: json, body: JSON.stringify({ data }) });
    if (!answer.ok) throw new Error(`PUT ${path}: ${answer.status} ${await answer.text()}`);
  };
  const list = async (sort: string, size: number) =>
    ((await (await fetch(`${cms.url}/api/${CONTENT_TYPES.article.restPath}?sort[0]=postedAt:${sort}&pagination[pageSize]=${size}&fields[0]=title&fields[1]=slug`, { headers: auth })).json()) as {
      data: { documentId: string; title: string; slug: string }[];
    }).data;
  const history = async () => statusSchema.parse(await (await fetch(`${live.hooksUrl}/status`)).json()).history;
  const before = new Set((await history()).map((record) => record.id));
  const articles = await list('desc', rounds);
  const oldestPage = `${live.siteUrl}${entryPath(CONTENT_TYPES.article, (await list('asc', 1))[0]!.slug)}`;
  const session: EditingSession = { publishes: [], siteWide: [], uploads: 0, draftSaves: 0, builds: { full: 0, incremental: 0, mediaOnly: 0 } };
  for (const [i, article] of articles.entries()) {
    for (let photo = 0; photo < 2; photo += 1) {
      const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 160, g: 14 * i, b: 14 * photo } } }).jpeg().toBuffer();
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), `anh-hoi-nghi-${i}-${photo}.jpg`);
      const answer = await fetch(`${cms.url}/api/upload`, { method: 'POST', headers: auth, body: form });
      if (!answer.ok) throw new Error(`uploading a photo: ${answer.status} ${await answer.text()}`);
      session.uploads += 1;
    }
    for (let save = 1; save <= 2; save += 1) {
      await put(`${CONTENT_TYPES.article.restPath}/${article.documentId}?status=draft`, { lead: `Bản nháp ${save} của buổi sáng ${i + 1}.` });
      session.draftSaves += 1;
    }
    const title = `${article.title} (buổi sáng ${i + 1})`;
    const start = performance.now();
    await put(`${CONTENT_TYPES.article.restPath}/${article.documentId}?status=published`, { title });
    await waitUntil(pageShows(`${live.siteUrl}${entryPath(CONTENT_TYPES.article, article.slug)}`, title));
    session.publishes.push(performance.now() - start);
    process.stderr.write(`editing session ${i + 1}/${rounds}: publish-to-live ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    if (i % 4 === 3) {
      const slogan = `Kỷ cương, trách nhiệm, hành động (buổi sáng ${i + 1}, ${Date.now()})`;
      const started = performance.now();
      await put(CONTENT_TYPES.siteSetting.restPath, { slogan });
      await waitUntil(pageShows(oldestPage, slogan));
      session.siteWide.push(performance.now() - started);
      process.stderr.write(`editing session ${i + 1}/${rounds}: settings edit live in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  // The session's last build may still be going when its page is already live: wait for the history to settle.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const record of (await history()).filter((r) => !before.has(r.id))) {
    if (record.build) session.builds[record.build.kind] += 1;
    if (record.trigger.every((trigger) => trigger.event?.startsWith('media.'))) session.builds.mediaOnly += 1;
  }
  return session;
}
