/**
 * The public summary of the satisfaction ratings (`/danh-gia/`): for each rated section, its
 * months newest first with the number of ratings and the share found useful. Pure: the page
 * gives the CMS's monthly totals (GET /api/engagement/site-data).
 */
// The .js suffixes let the root tsconfig (NodeNext) check this file through the unit tests.
import { formatPercent } from './format-count.js';
import { RATED_TYPES, sectionName, type EngagementType } from './engagement.js';

export interface MonthlyRating {
  contentType: string;
  /** 'YYYY-MM', Vietnam time. */
  month: string;
  useful: number;
  notUseful: number;
}

export interface SummaryMonth {
  month: string;
  /** "12/2026". */
  label: string;
  total: number;
  useful: number;
  notUseful: number;
  usefulShare: string;
}

export interface SummarySection {
  type: EngagementType;
  name: string;
  months: SummaryMonth[];
  total: number;
  usefulShare: string;
}

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** Every rated section, in the declared order, even one without ratings yet (it says so). */
export function ratingSummary(ratings: MonthlyRating[]): SummarySection[] {
  return RATED_TYPES.map((type) => {
    const byMonth = new Map<string, { useful: number; notUseful: number }>();
    for (const r of ratings) {
      if (r.contentType !== type || !/^\d{4}-\d{2}$/.test(r.month)) continue;
      const month = byMonth.get(r.month) ?? { useful: 0, notUseful: 0 };
      month.useful += r.useful;
      month.notUseful += r.notUseful;
      byMonth.set(r.month, month);
    }
    const months = [...byMonth.entries()]
      .filter(([, m]) => m.useful + m.notUseful > 0)
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([month, m]): SummaryMonth => {
        const total = m.useful + m.notUseful;
        return { month, label: monthLabel(month), total, ...m, usefulShare: formatPercent(m.useful, total) };
      });
    const total = months.reduce((sum, m) => sum + m.total, 0);
    const useful = months.reduce((sum, m) => sum + m.useful, 0);
    return { type, name: sectionName(type), months, total, usefulShare: formatPercent(useful, total) };
  });
}
