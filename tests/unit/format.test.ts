import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosted, isoVietnam, personName, statusLabel, yearInVietnam } from '../../site/src/lib/format.js';

// Hanoi is UTC+7 all year, so every case is an exact 7-hour shift whatever TZ the test runs in.
const cases: Array<{ utc: string; posted: string; iso: string }> = [
  { utc: '2021-01-29T08:53:00Z', posted: '29/01/2021 | 15:53', iso: '2021-01-29T15:53:00+07:00' },
  // 17:00 UTC is local midnight: the date rolls over and the hour is 00, never 24.
  { utc: '2021-01-29T17:00:00Z', posted: '30/01/2021 | 00:00', iso: '2021-01-30T00:00:00+07:00' },
  { utc: '2021-01-29T16:59:59Z', posted: '29/01/2021 | 23:59', iso: '2021-01-29T23:59:59+07:00' },
  // New Year's Eve in UTC is already New Year's Day in Hanoi.
  { utc: '2023-12-31T17:30:00Z', posted: '01/01/2024 | 00:30', iso: '2024-01-01T00:30:00+07:00' },
  { utc: '2024-02-28T20:15:00Z', posted: '29/02/2024 | 03:15', iso: '2024-02-29T03:15:00+07:00' },
  { utc: '2025-06-30T23:05:00Z', posted: '01/07/2025 | 06:05', iso: '2025-07-01T06:05:00+07:00' },
  { utc: '2025-03-05T00:00:00Z', posted: '05/03/2025 | 07:00', iso: '2025-03-05T07:00:00+07:00' },
  // Noon local: catches a 12-hour clock sneaking in.
  { utc: '2025-10-10T05:00:00Z', posted: '10/10/2025 | 12:00', iso: '2025-10-10T12:00:00+07:00' },
  { utc: '2025-10-10T06:00:00Z', posted: '10/10/2025 | 13:00', iso: '2025-10-10T13:00:00+07:00' },
];

describe('formatPosted', () => {
  it.each(cases)('$utc → $posted', ({ utc, posted }) => {
    expect(formatPosted(new Date(utc))).toBe(posted);
  });
});

describe('formatPosted on a build machine far from Hanoi', () => {
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: every local date differs from Hanoi's
  });
  afterAll(() => {
    // Assigning undefined would store the string "undefined".
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(cases)('$utc → $posted', ({ utc, posted }) => {
    expect(formatPosted(new Date(utc))).toBe(posted);
  });
});

describe('isoVietnam', () => {
  it.each(cases)('$utc → $iso', ({ utc, iso }) => {
    expect(isoVietnam(new Date(utc))).toBe(iso);
  });

  it('names the same instant as the input', () => {
    for (const { utc, iso } of cases) expect(new Date(iso).getTime()).toBe(new Date(utc).getTime());
  });
});

describe('yearInVietnam', () => {
  it.each([
    ['2023-12-31T16:59:59Z', 2023],
    ['2023-12-31T17:00:00Z', 2024],
  ] as const)('%s → %i', (utc, year) => {
    expect(yearInVietnam(new Date(utc))).toBe(year);
  });
});

describe('statusLabel', () => {
  it.each([
    ['planned', 'Chưa thực hiện'],
    ['in_progress', 'Đang thực hiện'],
    ['done', 'Hoàn thành'],
  ] as const)('%s → %s', (status, label) => {
    expect(statusLabel[status]).toBe(label);
  });
});

describe('personName', () => {
  it('prefixes the honorific when there is one', () => {
    expect(personName({ fullName: 'Nguyễn Văn An', honorific: 'Đồng chí' })).toBe('Đồng chí Nguyễn Văn An');
    expect(personName({ fullName: 'Trần Thị Bình', honorific: null })).toBe('Trần Thị Bình');
  });
});
