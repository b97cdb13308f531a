/**
 * A count as the site prints it, "1.234.567": Vietnamese groups thousands with a dot. Written
 * out rather than Intl so the build and the browser (which replaces the number with the live
 * one) print the same text whatever ICU data each has.
 */
export function formatCount(count: number): string {
  const whole = Math.max(0, Math.trunc(Number.isFinite(count) ? count : 0));
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A share as a Vietnamese percentage, one decimal at most: 0.875 → "87,5%". */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const tenths = Math.round((part / whole) * 1000);
  const text = tenths % 10 === 0 ? String(tenths / 10) : `${Math.trunc(tenths / 10)},${tenths % 10}`;
  return `${text}%`;
}
