import { describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { planBuild, type PlanInput } from '../../../scripts/publisher/incremental/plan-build.js';
import { newTrigger } from '../../../scripts/publisher/trigger.js';

const now = new Date('2026-11-28T10:00:00Z');
const article = newTrigger({ source: 'strapi', event: 'entry.publish', uid: 'api::article.article', documentId: 'a1' });
const person = newTrigger({ source: 'strapi', event: 'entry.update', uid: 'api::attendee.attendee', documentId: 'p1' });
const base: PlanInput = {
  triggers: [article, person],
  clearCache: false,
  attempt: 1,
  hasLive: true,
  liveMap: { sourceHash: 'h1', fullBuildAt: '2026-11-28T02:00:00Z' },
  sourceHash: 'h1',
  now,
  fullBuildEveryMs: 24 * 3600 * 1000,
};

describe('planBuild', () => {
  it('builds incrementally what the page map can follow', () => {
    expect(planBuild(base)).toEqual({ kind: 'incremental', reason: '2 tài liệu thay đổi' });
  });

  it.each<[string, Partial<PlanInput>, string]>([
    ['a cold build was asked for', { clearCache: true }, 'yêu cầu xây dựng từ đầu (clear_cache)'],
    ['the last attempt failed', { attempt: 2 }, 'lần thử trước thất bại'],
    ['nothing is live yet', { hasLive: false, liveMap: undefined }, 'chưa có bản phát hành nào'],
    ['the live release has no map', { liveMap: undefined }, 'bản phát hành hiện tại không có bản đồ trang'],
    ['the templates changed', { sourceHash: 'h2' }, 'giao diện hoặc cấu hình trang đã thay đổi'],
    ['the last full build is a day old', { liveMap: { sourceHash: 'h1', fullBuildAt: '2026-11-27T10:00:00Z' } }, 'đến lượt xây dựng đầy đủ định kỳ'],
    ['a deploy hook asked', { triggers: [article, newTrigger({ source: 'deploy' })] }, 'yêu cầu từ deploy hook'],
    ['npm run rebuild asked', { triggers: [newTrigger({ source: 'cli' })] }, 'yêu cầu xây dựng lại (npm run rebuild)'],
    ['the publisher started', { triggers: [newTrigger({ source: 'startup' })] }, 'publisher khởi động'],
    ['the media library changed', { triggers: [newTrigger({ source: 'strapi', event: 'media.update' })] }, 'thư viện ảnh thay đổi'],
    ['an unknown type changed', { triggers: [newTrigger({ source: 'strapi', event: 'entry.create', uid: 'api::poll.poll' })] }, 'thay đổi api::poll.poll'],
  ])('builds in full when %s', (_, change, reason) => {
    expect(planBuild({ ...base, ...change })).toEqual({ kind: 'full', reason });
  });

  // From the declarations (cms/src/content-model/), every type: Văn bản and its list of types,
  // and the settings and notices, whose chrome is in every page's digest.
  const pages = ALL_CONTENT_TYPES.map((type) => [type.uid, type] as const);

  it('covers the types every page shows', () => {
    expect(pages.map(([uid]) => uid)).toEqual(expect.arrayContaining(['api::legal-document.legal-document', 'api::document-type.document-type', 'api::site-setting.site-setting', 'api::notice.notice']));
  });

  it.each(pages)('builds a published change to %s incrementally: the page map follows it', (uid) => {
    for (const event of ['entry.publish', 'entry.unpublish', 'entry.update', 'entry.delete']) {
      const change = newTrigger({ source: 'strapi', event, uid, documentId: 'x1' });
      expect(planBuild({ ...base, triggers: [article, change] }), event).toEqual({ kind: 'incremental', reason: '2 tài liệu thay đổi' });
    }
  });
});
