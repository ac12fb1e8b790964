/**
 * Small self-contained SVG charts for the HTML report (no script, no external asset): stacked
 * horizontal bars, lines over days, and the velocity curve with the forecast interval. Every text
 * is escaped; sizes are in user units and the charts scale to the page width.
 */
import { escapeXml } from '../../core/documents.ts';

export const PALETTE = ['#4363d8', '#e6194b', '#3cb44b', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#808000', '#000075'];


const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toPrecision(2)).replace(/\.0$/, '');

/** Round tick values covering [0, max]: 1, 2 or 5 × a power of ten apart. */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if ((out.at(-1) ?? 0) < max) out.push(Number((out.length * step).toPrecision(12)));
  return out;
}

/** Horizontal grid lines at the ticks, labelled on the left. */
function gridY(axis: readonly number[], left: number, right: number, py: (v: number) => number): string {
  return axis.map((t) => `<line x1="${left}" y1="${py(t)}" x2="${right}" y2="${py(t)}" stroke="#eee"/><text x="${left - 4}" y="${py(t) + 3}" font-size="9" text-anchor="end">${fmt(t)}</text>`).join('');
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${body}</svg>`;
}

function legend(names: readonly string[], x: number, y: number, colors: readonly string[] = PALETTE): string {
  return names
    .map((name, i) => `<rect x="${x + i * 130}" y="${y}" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${x + i * 130 + 14}" y="${y + 9}" font-size="10">${escapeXml(name)}</text>`)
    .join('');
}

export interface StackedBar {
  label: string;
  /** One value per segment, in the order of `segments`. */
  values: number[];
}

/** One horizontal bar per row, split into segments (e.g. a pool's cost per label by category). */
export function stackedBars(title: string, segments: readonly string[], bars: readonly StackedBar[], unit: string): string {
  const width = 720;
  const left = 120;
  const right = 70;
  const rowHeight = 26;
  const top = 30;
  const height = top + bars.length * rowHeight + 40;
  const max = Math.max(0, ...bars.map((b) => b.values.reduce((s, v) => s + Math.max(0, v), 0)));
  const axis = ticks(max);
  const scale = (v: number) => ((width - left - right) * v) / (axis.at(-1) || 1);
  let body = `<text x="0" y="14" font-size="12" font-weight="bold">${escapeXml(title)}</text>`;
  for (const t of axis) {
    const x = left + scale(t);
    body += `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${top + bars.length * rowHeight}" stroke="#ddd"/><text x="${x}" y="${top + bars.length * rowHeight + 12}" font-size="9" text-anchor="middle">${fmt(t)}</text>`;
  }
  bars.forEach((bar, row) => {
    const y = top + row * rowHeight;
    let x = left;
    body += `<text x="${left - 6}" y="${y + 15}" font-size="10" text-anchor="end">${escapeXml(bar.label)}</text>`;
    bar.values.forEach((v, i) => {
      const w = scale(Math.max(0, v));
      if (w > 0) body += `<rect x="${x}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeXml(`${bar.label} ${segments[i]}: ${fmt(v)} ${unit}`)}</title></rect>`;
      x += w;
    });
    const total = bar.values.reduce((s, v) => s + v, 0);
    body += `<text x="${x + 4}" y="${y + 15}" font-size="10">${escapeXml(`${fmt(total)} ${unit}`)}</text>`;
  });
  body += legend(segments, left, height - 14);
  return svg(width, height, title, body);
}

export interface Series {
  name: string;
  /** Values by x label (missing: 0). */
  points: Map<string, number>;
}

/** Lines over a shared axis of labels (days, weeks), one per series. */
export function lines(title: string, xs: readonly string[], series: readonly Series[], unit: string): string {
  const width = 720;
  const height = 260;
  const left = 46;
  const right = 16;
  const top = 26;
  const bottom = 56;
  const max = Math.max(0, ...series.flatMap((s) => xs.map((x) => s.points.get(x) ?? 0)));
  const axis = ticks(max);
  const px = (i: number) => left + (xs.length <= 1 ? (width - left - right) / 2 : ((width - left - right) * i) / (xs.length - 1));
  const py = (v: number) => top + (height - top - bottom) * (1 - v / (axis.at(-1) || 1));
  let body = `<text x="0" y="14" font-size="12" font-weight="bold">${escapeXml(title)}</text>`;
  body += gridY(axis, left, width - right, py);
  const every = Math.max(1, Math.ceil(xs.length / 10));
  xs.forEach((x, i) => {
    if (i % every === 0) body += `<text x="${px(i)}" y="${height - bottom + 14}" font-size="9" text-anchor="middle">${escapeXml(x)}</text>`;
  });
  series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const points = xs.map((x, i) => `${px(i).toFixed(1)},${py(s.points.get(x) ?? 0).toFixed(1)}`).join(' ');
    body += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"><title>${escapeXml(`${s.name} (${unit})`)}</title></polyline>`;
  });
  body += legend(series.map((s) => s.name), left, height - 20);
  return svg(width, height, title, body);
}

export interface VelocityPoint {
  week: string;
  count: number;
}

export interface ForecastBand {
  /** Weeks from now to completion: the expected value and the interval (latest null: unbounded). */
  expectedWeeks: number;
  earliestWeeks: number;
  latestWeeks: number | null;
  remaining: number;
  expectedDate: string | null;
  earliestDate: string | null;
  latestDate: string | null;
}

/**
 * Accepted items per week (bars) and done so far (line), then the forecast: from the last week,
 * the dashed line to the total at the expected date and the shaded interval between the earliest
 * and the latest dates (an open band when the latest is unbounded).
 */
export function velocityChart(title: string, weeks: readonly VelocityPoint[], forecast: ForecastBand | null): string {
  const width = 720;
  const height = 280;
  const left = 50;
  const right = 20;
  const top = 26;
  const bottom = 56;
  const done = weeks.reduce((s, w) => s + w.count, 0);
  const total = done + (forecast?.remaining ?? 0);
  const horizon = forecast ? Math.ceil(forecast.latestWeeks ?? forecast.expectedWeeks * 2) : 0;
  const span = Math.max(1, weeks.length + horizon);
  const axis = ticks(Math.max(total, 1));
  const px = (week: number) => left + ((width - left - right) * week) / span;
  const py = (v: number) => top + (height - top - bottom) * (1 - v / (axis.at(-1) || 1));
  const maxWeek = Math.max(1, ...weeks.map((w) => w.count));
  const barScale = (v: number) => ((height - top - bottom) * 0.35 * v) / maxWeek;
  let body = `<text x="0" y="14" font-size="12" font-weight="bold">${escapeXml(title)}</text>`;
  body += gridY(axis, left, width - right, py);
  let cumulative = 0;
  const curve: string[] = [`${px(0)},${py(0)}`];
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  weeks.forEach((w, i) => {
    const base = height - bottom;
    const h = barScale(w.count);
    body += `<rect x="${px(i) + 1}" y="${base - h}" width="${Math.max(1, px(i + 1) - px(i) - 2)}" height="${h}" fill="#c8d3f5"><title>${escapeXml(`week of ${w.week}: ${w.count}`)}</title></rect>`;
    if (i % every === 0) body += `<text x="${px(i)}" y="${height - bottom + 14}" font-size="9">${escapeXml(w.week)}</text>`;
    cumulative += w.count;
    curve.push(`${px(i + 1).toFixed(1)},${py(cumulative).toFixed(1)}`);
  });
  body += `<polyline fill="none" stroke="${PALETTE[0]}" stroke-width="2" points="${curve.join(' ')}"><title>done: ${done}</title></polyline>`;
  if (forecast && forecast.remaining > 0) {
    const x0 = px(weeks.length);
    const y0 = py(done);
    const yTotal = py(total);
    const early = px(weeks.length + forecast.earliestWeeks);
    const late = forecast.latestWeeks === null ? width - right : px(weeks.length + forecast.latestWeeks);
    body += `<polygon points="${x0},${y0} ${early},${yTotal} ${late},${yTotal}" fill="${PALETTE[3]}" fill-opacity="0.25"><title>${escapeXml(`completion between ${forecast.earliestDate ?? '?'} and ${forecast.latestDate ?? 'unbounded'}`)}</title></polygon>`;
    body += `<line x1="${x0}" y1="${y0}" x2="${px(weeks.length + forecast.expectedWeeks)}" y2="${yTotal}" stroke="${PALETTE[3]}" stroke-width="2" stroke-dasharray="5,4"/>`;
    body += `<line x1="${left}" y1="${yTotal}" x2="${width - right}" y2="${yTotal}" stroke="#999" stroke-dasharray="2,3"/>`;
    body += `<text x="${Math.min(width - right - 150, px(weeks.length + forecast.expectedWeeks) + 4)}" y="${yTotal - 6}" font-size="10">${escapeXml(`expected ${forecast.expectedDate ?? '?'}`)}</text>`;
  }
  body += legend(['accepted per week', 'done so far', 'forecast (interval shaded)'], left, height - 20, ['#c8d3f5', PALETTE[0]!, PALETTE[3]!]);
  return svg(width, height, title, body);
}
