// The .js suffix lets the root tsconfig (NodeNext) check this file through the unit tests.
import type { Task } from './schemas.js';

// Built once: constructing Intl formatters is far slower than using them.
// hourCycle h23 because `hour12: false` renders midnight as "24" in some ICU versions.
const vietnamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsInVietnam(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const { type, value } of vietnamParts.formatToParts(date)) {
    if (type in out) out[type as keyof typeof out] = value;
  }
  return out;
}

/** "dd/mm/yyyy | HH:mm" as read in Hanoi, whatever the build machine's time zone. */
export function formatPosted(date: Date): string {
  const p = partsInVietnam(date);
  return `${p.day}/${p.month}/${p.year} | ${p.hour}:${p.minute}`;
}

/**
 * ISO 8601 local to Hanoi for <time datetime> and JSON-LD.
 * The offset is fixed: Vietnam has kept UTC+7 without daylight saving since 1975.
 */
export function isoVietnam(date: Date): string {
  const p = partsInVietnam(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+07:00`;
}

/** The calendar year in Hanoi, so a build at 23:00 UTC on 31 December picks the new year. */
export function yearInVietnam(date: Date): number {
  return Number(partsInVietnam(date).year);
}

export const statusLabel: Record<Task['status'], string> = {
  planned: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

/** "Đồng chí Nguyễn Văn A" when an honorific is recorded, else the bare name. */
export function personName(person: { fullName: string; honorific: string | null }): string {
  return person.honorific ? `${person.honorific} ${person.fullName}` : person.fullName;
}
