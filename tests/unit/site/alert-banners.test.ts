import { describe, expect, it } from 'vitest';
import { alertRunsAt, runningAlerts } from '../../../site/src/lib/alert-banners.js';
import type { Notice } from '../../../site/src/lib/schemas.js';

const NOW = new Date('2026-11-28T15:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

function notice(slug: string, alert: Partial<NonNullable<Notice['alert']>> | null, postedAt = at(-600)): Notice {
  return {
    documentId: `doc-${slug}`,
    title: `Thông báo ${slug}`,
    slug,
    kind: 'general',
    postedAt,
    summary: null,
    body: '',
    alert: alert && { severity: 'info', text: null, startsAt: null, endsAt: null, ...alert },
    updatedAt: at(-60),
  };
}

describe('whether a banner runs at a time', () => {
  it.each([
    ['no banner', null, false],
    ['no start, no end: from the publish, for as long as it stays published', {}, true],
    ['started a minute ago, no end', { startsAt: at(-1) }, true],
    ['starts now (the start is inside)', { startsAt: at(0) }, true],
    ['starts in a minute', { startsAt: at(1) }, false],
    ['ends in a minute', { endsAt: at(1) }, true],
    ['ends now (the end is outside)', { endsAt: at(0) }, false],
    ['ended an hour ago', { startsAt: at(-120), endsAt: at(-60) }, false],
    ['inside its window', { startsAt: at(-60), endsAt: at(60) }, true],
  ] as const)('%s', (_label, alert, runs) => {
    expect(alertRunsAt(notice('x', alert).alert, NOW)).toBe(runs);
  });
});

describe('the banners a page shows', () => {
  it('shows the running ones, most severe first, then newest, with the title when there is no text', () => {
    const list = [
      notice('info-old', { severity: 'info' }, at(-900)),
      notice('ended', { severity: 'urgent', endsAt: at(-1) }),
      notice('warning', { severity: 'warning', text: 'Bảo trì tối nay' }),
      notice('urgent', { severity: 'urgent', startsAt: at(-5) }),
      notice('info-new', { severity: 'info' }, at(-100)),
      notice('none', null),
    ];
    const shown = runningAlerts(list, NOW);
    expect(shown.map((a) => a.slug)).toEqual(['urgent', 'warning', 'info-new', 'info-old']);
    expect(shown[1]).toMatchObject({ text: 'Bảo trì tối nay', severity: 'warning', documentId: 'doc-warning', version: at(-60).toISOString() });
    expect(shown[0]!.text).toBe('Thông báo urgent');
  });
});
