import { describe, expect, it } from 'vitest';
import { ALL_CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import type { PublisherStatus } from '../../../scripts/publisher/publisher.js';
import { formatDuration, renderStatusPage } from '../../../scripts/publisher/status-page.js';
import { IDLE_STATUS } from './support/idle-status.js';

const base: PublisherStatus = IDLE_STATUS;
const failed = {
  id: '20261127T221500123Z-ab12',
  startedAt: '2026-11-27T22:15:00.123Z',
  durationMs: 83_400,
  ok: false,
  error: 'release check failed: 1 missing (<b>404.html</b>)',
  trigger: [{ id: 't1', source: 'strapi' as const, event: 'entry.publish', uid: 'api::article.article', documentId: '"><script>alert(1)</script>', at: '2026-11-27T22:14:57.000Z' }],
  attempt: 1,
  clearCache: false,
  log: 'publisher/logs/20261127T221500123Z-ab12.log',
};

describe('renderStatusPage', () => {
  it.each([
    ['idle', 'Sẵn sàng'],
    ['waiting', 'Đang chờ'],
    ['building', 'Đang xây dựng'],
  ] as const)('names the state %s in Vietnamese (%s)', (state, label) => {
    const html = renderStatusPage({ ...base, state }, new Date());
    expect(html).toContain(`<title>${label} · Trạng thái xuất bản</title>`);
    expect(html).toContain(`<strong>${label}</strong>`);
  });

  it('is a self-contained Vietnamese page that refreshes every 5 seconds', () => {
    const html = renderStatusPage(base, new Date());
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toContain('Chưa có phiên bản nào');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('shows the last build (duration, result, reason, triggers) and escapes every text', () => {
    const html = renderStatusPage({ ...base, current: 'r1', currentSince: '2026-11-27T20:00:00.000Z', lastBuild: failed, history: [failed] }, new Date());
    expect(html).toContain('1 phút 23 giây');
    expect(html).toContain('Thất bại');
    expect(html).toContain('release check failed: 1 missing (&lt;b&gt;404.html&lt;/b&gt;)');
    expect(html).toContain('CMS: xuất bản bài viết (&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;)');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<time datetime="2026-11-27T22:15:00.123Z">05:15:00 28/11/2026</time>');
    expect(html).toMatch(/<th scope="col">Kết quả<\/th>/);
  });

  it.each(ALL_CONTENT_TYPES.map((type) => [type.uid, type.labels.singular.toLocaleLowerCase('vi')] as const))(
    'names a change to %s as editors do (%s)',
    (uid, label) => {
      const build = { ...failed, trigger: [{ ...failed.trigger[0]!, uid, documentId: 'd1' }] };
      const html = renderStatusPage({ ...base, lastBuild: build, history: [build] }, new Date());
      expect(html).toContain(`CMS: xuất bản ${label} (d1)`);
    },
  );

  it('names a type the portal does not declare by its Strapi name', () => {
    const build = { ...failed, trigger: [{ ...failed.trigger[0]!, uid: 'api::poll.poll', documentId: 'd1' }] };
    expect(renderStatusPage({ ...base, lastBuild: build, history: [build] }, new Date())).toContain('CMS: xuất bản poll (d1)');
  });

  it.each([
    [900, '0,9 giây'],
    [12_340, '12,3 giây'],
    [125_000, '2 phút 5 giây'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
