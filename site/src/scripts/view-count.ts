/**
 * After the page has loaded: one beacon per counted page (the engagement service counts it once
 * per visitor and day), then the live total in place of the release's number. Whatever the
 * service does — down, slow, refusing — the page keeps the number it was built with.
 */
import { ENGAGEMENT_PATHS } from '../../../cms/src/content-model/engagement-paths';
import { formatCount } from '../lib/format-count';

/** A beacon has no answer to wait for; the count is asked a moment later so it includes this view. */
const AFTER_BEACON_MS = 400;

const shown = (el: HTMLElement) => Number((el.textContent ?? '').replace(/\D/g, '')) || 0;

async function showLive(key: string, counters: HTMLElement[]): Promise<void> {
  try {
    const response = await fetch(`${ENGAGEMENT_PATHS.liveViews}?k=${encodeURIComponent(key)}`, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (!response.ok) return;
    const body = (await response.json()) as { k?: unknown; views?: unknown } | null;
    const views = body?.views;
    if (body?.k !== key || typeof views !== 'number' || !Number.isSafeInteger(views) || views < 0) return;
    // Never below the release's number: a service that lost its table must not make a page look unread.
    for (const el of counters) el.textContent = `Lượt xem: ${formatCount(Math.max(views, shown(el)))}`;
  } catch {
    // The service is away: the release's number stays.
  }
}

function start(): void {
  const counters = [...document.querySelectorAll<HTMLElement>('[data-view-count]')];
  const keys = new Set(counters.map((el) => el.dataset.viewCount ?? '').filter(Boolean));
  for (const key of keys) {
    let sent = false;
    try {
      sent = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(ENGAGEMENT_PATHS.view, JSON.stringify({ k: key }));
    } catch {
      // A browser or extension that blocks beacons: nothing is counted, nothing breaks.
    }
    const mine = counters.filter((el) => el.dataset.viewCount === key);
    window.setTimeout(() => void showLive(key, mine), sent ? AFTER_BEACON_MS : 0);
  }
}

if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
