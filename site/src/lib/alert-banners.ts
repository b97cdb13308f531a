/** Which notices' alert banners a page shows, and how they are named: pure, so a unit test reads it. */
import type { Notice } from './schemas.js';

export type AlertSeverity = NonNullable<Notice['alert']>['severity'];

/** One banner as the page shows it: what it says, where it links, and the version a reader's dismissal remembers. */
export interface BannerAlert {
  documentId: string;
  slug: string;
  title: string;
  severity: AlertSeverity;
  /** The banner's words: its own text, or the notice's title. */
  text: string;
  /** Changes when the notice is edited, so a dismissed banner comes back when its content does. */
  version: string;
}

const SEVERITY_ORDER: Record<AlertSeverity, number> = { urgent: 0, warning: 1, info: 2 };

/** Whether a published notice's banner runs at `now`: from its start (or the publish) until before its end (or for as long as it stays published). */
export function alertRunsAt(alert: Notice['alert'], now: Date): boolean {
  if (!alert) return false;
  const t = now.getTime();
  return (!alert.startsAt || alert.startsAt.getTime() <= t) && (!alert.endsAt || t < alert.endsAt.getTime());
}

export function bannerAlert(notice: Notice): BannerAlert | undefined {
  if (!notice.alert) return undefined;
  return {
    documentId: notice.documentId,
    slug: notice.slug,
    title: notice.title,
    severity: notice.alert.severity,
    text: notice.alert.text ?? notice.title,
    version: notice.updatedAt.toISOString(),
  };
}

/** The banners a page built at `now` shows, most severe first. */
export function runningAlerts(list: readonly Notice[], now: Date): BannerAlert[] {
  return list
    .filter((notice) => alertRunsAt(notice.alert, now))
    .sort((a, b) => SEVERITY_ORDER[a.alert!.severity] - SEVERITY_ORDER[b.alert!.severity] || b.postedAt.getTime() - a.postedAt.getTime() || a.slug.localeCompare(b.slug))
    .flatMap((notice) => bannerAlert(notice) ?? []);
}

export const noticeKindLabel: Record<Notice['kind'], string> = {
  general: 'Thông báo',
  downtime: 'Tạm dừng hệ thống',
};

export const severityLabel: Record<AlertSeverity, string> = {
  info: 'Thông tin',
  warning: 'Chú ý',
  urgent: 'Khẩn',
};
