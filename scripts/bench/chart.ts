export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  /** [article count, seconds] */
  points: [number, number][];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A small line chart (log-free, linear axes) as standalone SVG: seconds against article count. */
export function lineChart(title: string, series: Series[], width = 720, height = 400): string {
  const margin = { top: 40, right: 200, bottom: 50, left: 60 };
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(...all.map(([x]) => x));
  const maxY = Math.max(...all.map(([, y]) => y)) * 1.1 || 1;
  const x = (v: number) => margin.left + (v / maxX) * (width - margin.left - margin.right);
  const y = (v: number) => height - margin.bottom - (v / maxY) * (height - margin.top - margin.bottom);
  const yTicks = Array.from({ length: 6 }, (_, i) => (maxY / 5) * i);
  const xTicks = [...new Set(all.map(([v]) => v))].sort((a, b) => a - b);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${margin.left}" y="24" font-size="15" font-weight="600">${escape(title)}</text>`,
    ...yTicks.map((t) => `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e5e5"/><text x="${margin.left - 8}" y="${y(t) + 4}" text-anchor="end">${t.toFixed(t < 10 ? 1 : 0)} s</text>`),
    ...xTicks.map((t) => `<text x="${x(t)}" y="${height - margin.bottom + 18}" text-anchor="middle">${t.toLocaleString('en')}</text>`),
    `<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle">articles</text>`,
    ...series.flatMap((s, i) => [
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${s.points.map(([px, py]) => `${x(px)},${y(py)}`).join(' ')}"/>`,
      ...s.points.map(([px, py]) => `<circle cx="${x(px)}" cy="${y(py)}" r="3.5" fill="${s.color}"/>`),
      `<line x1="${width - margin.right + 16}" x2="${width - margin.right + 40}" y1="${margin.top + 10 + i * 22}" y2="${margin.top + 10 + i * 22}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${width - margin.right + 46}" y="${margin.top + 14 + i * 22}">${escape(s.name)}</text>`,
    ]),
    `</svg>`,
    '',
  ].join('\n');
}
