/** Median with min–max, the way every benchmark here reports a figure. */
export function summary(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export const formatRange = (values: number[], unit: (n: number) => string) => {
  const { median, min, max } = summary(values);
  return `${unit(median)} (${unit(min)}–${unit(max)})`;
};

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The value below which a share `q` of the list lies (nearest rank; q = 0.95 for p95). */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
