import { randomBytes } from 'node:crypto';

/** `20261127T221500123Z-ab12`: sorts by time (to the millisecond), unique thanks to the suffix. */
export const releaseIdPattern = /^\d{8}T\d{9}Z-[0-9a-z]{4}$/;

let last = 0;

export function newReleaseId(now = Date.now()): string {
  // Strictly increasing within a process, so two fast builds still sort in build order.
  last = Math.max(now, last + 1);
  const stamp = new Date(last).toISOString().replace(/[-:]/g, '').replace('.', '');
  const suffix = Array.from(randomBytes(4), (byte) => (byte % 36).toString(36)).join('');
  return `${stamp}-${suffix}`;
}
