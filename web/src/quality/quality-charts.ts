/**
 * The quality figures as chart options: agreement per pool and per pair, a worker's answers against
 * the settled labels as a heat map, gold accuracy with its 95 % interval, and gold accuracy by week.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Accuracy, ControlQuality, Quality } from '../api/quality-types.ts';
import { errorBarSeries } from '../charts/error-bars.ts';

/** A share as a percentage; an undefined figure (null) as a dash. */
export const percent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 1000) / 10} %`);
export const fixed = (x: number | null, digits = 2): string => (x === null ? '—' : x.toFixed(digits));

/** One cell of an annotator's counts: `count` answers gave label `x` where `y` was settled, `share` of that row's answers. */
export interface ConfusionCell {
  x: number;
  y: number;
  count: number;
  share: number;
}

/** The answers in each row of a count matrix (each settled label). */
export const rowTotals = (counts: readonly (readonly number[])[]): number[] => counts.map((row) => row.reduce((s, n) => s + n, 0));

/**
 * Every cell of the rows that have answers, with its share of the row computed from the counts
 * themselves; a row without answers has no cells (nothing to shade, rather than a row of zeros).
 */
export function confusionCells(counts: readonly (readonly number[])[]): ConfusionCell[] {
  const totals = rowTotals(counts);
  const cells: ConfusionCell[] = [];
  counts.forEach((row, y) => {
    if (totals[y] === 0) return;
    row.forEach((count, x) => cells.push({ x, y, count, share: count / totals[y]! }));
  });
  return cells;
}

/** A row's cell in words: "3 of 9 (33.3 %)". */
export const countWords = (count: number, total: number): string => (total === 0 ? '—' : `${count} of ${total} (${percent(count / total)})`);
/** A cell in a table whose row says its total: "3 (33.3 %)". */
export const countShareWords = (count: number, total: number): string => (total === 0 ? '—' : `${count} (${percent(count / total)})`);

/**
 * An annotator's answers against the settled labels as a heat map: each cell says how many answers
 * it holds and is shaded by its share of the row; each row names its label with its number of
 * answers, so that 1 of 2 is not read like 50 of 100.
 */
export function confusionOption(labels: string[], counts: number[][]): EChartsCoreOption {
  const totals = rowTotals(counts);
  return {
    grid: { left: 110, right: 12, top: 8, bottom: 58 },
    tooltip: { formatter: (p: { value: [number, number, number, number] }) => `settled ${labels[p.value[1]]}, given ${labels[p.value[0]]}: ${countWords(p.value[3], totals[p.value[1]]!)}` },
    xAxis: { type: 'category', data: labels, name: 'given', nameLocation: 'middle', nameGap: 30, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0 }, splitArea: { show: true } },
    yAxis: {
      type: 'category',
      data: labels.map((l, i) => `${l} (${totals[i]})`),
      name: 'settled (answers)',
      nameLocation: 'middle',
      nameGap: 92,
      inverse: true,
      axisLabel: { interval: 0 },
      splitArea: { show: true },
    },
    visualMap: { min: 0, max: 1, dimension: 2, show: false, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
    series: [
      {
        type: 'heatmap',
        // [given, settled, share of the row, count]; dark cells get white figures.
        data: confusionCells(counts).map((c) => ({ value: [c.x, c.y, Number(c.share.toFixed(3)), c.count], label: { color: c.share > 0.55 ? '#ffffff' : '#1d2430' } })),
        label: { show: labels.length <= 6, formatter: (p: { value: [number, number, number, number] }) => (p.value[3] > 0 ? String(p.value[3]) : '') },
        emphasis: { itemStyle: { borderColor: '#1d2430', borderWidth: 1 } },
      },
    ],
  };
}

export function agreementByPoolOption(control: ControlQuality): EChartsCoreOption {
  return poolBarsOption(
    control.agreement.byPool.filter((p) => p.pairableItems > 0),
    [
      { name: 'Agreement', color: '#6c8ebf', value: (p) => p.percentAgreement },
      { name: 'Krippendorff α', color: '#2d6a4f', value: (p) => p.krippendorffAlpha },
      { name: 'Fleiss κ', color: '#e69f00', value: (p) => p.fleissKappa },
    ],
  );
}

/** Grouped bars on a 0–1 scale, one group per pool, one bar per figure. */
function poolBarsOption<P extends { pool: string }>(pools: readonly P[], figures: readonly { name: string; color: string; value(p: P): number | null }[]): EChartsCoreOption {
  return {
    grid: { left: 44, right: 12, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fixed(v) },
    xAxis: { type: 'category', data: pools.map((p) => p.pool) },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: figures.map((f) => ({ name: f.name, type: 'bar', data: pools.map(f.value), itemStyle: { color: f.color } })),
  };
}

export const pairName = (p: { workerA: string; workerB: string }): string => `${p.workerA} · ${p.workerB}`;

/**
 * One bar per pair of annotators, best first; an undefined figure (a kappa when both always gave one
 * same label) sorts last and draws no bar.
 */
export function pairBarsOption(rows: readonly { name: string; value: number | null }[], series: string): EChartsCoreOption {
  const score = (r: { value: number | null }): number => r.value ?? -Infinity;
  const pairs = [...rows].sort((a, b) => (score(a) === score(b) ? 0 : score(b) > score(a) ? 1 : -1));
  return {
    grid: { left: 230, right: 40, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fixed(v) },
    xAxis: { type: 'value', min: Math.min(0, ...pairs.map((p) => p.value ?? 0)), max: 1 },
    yAxis: { type: 'category', data: pairs.map((p) => p.name), inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
    series: [{ name: series, type: 'bar', data: pairs.map((p) => (p.value === null ? null : Number(p.value.toFixed(3)))), itemStyle: { color: '#6c8ebf' }, label: { show: true, position: 'right', formatter: (p: { value: number | null }) => fixed(p.value) } }],
  };
}

/** Matched-region F1 and mean IoU per pool, for pools whose annotators share items (no IoU for spans). */
export function regionByPoolOption(pools: readonly { pool: string; comparisons: number; f1: number | null; meanIoU: number | null }[]): EChartsCoreOption {
  const shown = pools.filter((p) => p.comparisons > 0);
  return poolBarsOption(shown, [
    { name: 'F1 of matched regions', color: '#6c8ebf', value: (p) => p.f1 },
    ...(shown.some((p) => p.meanIoU !== null) ? [{ name: 'Mean IoU', color: '#2d6a4f', value: (p: (typeof shown)[number]) => p.meanIoU }] : []),
  ]);
}

/** Accuracy bars with their 95 % interval as error bars, and the pause bar as a line. */
export function goldAccuracyOption(rows: Accuracy[], bar: number | null): EChartsCoreOption {
  return {
    grid: { left: 44, right: 16, top: 16, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = rows[p.dataIndex]!;
        return `${r.name}: ${percent(r.accuracy)} (${r.passed}/${r.answered}), 95 % ${percent(r.low)}–${percent(r.high)}`;
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 5 ? 25 : 0 } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      {
        name: 'Gold accuracy',
        type: 'bar',
        data: rows.map((r) => r.accuracy),
        itemStyle: { color: '#6c8ebf' },
        barMaxWidth: 48,
        ...(bar === null ? {} : { markLine: { symbol: 'none', label: { formatter: `pause bar ${percent(bar)}`, position: 'insideEndTop' }, lineStyle: { color: '#b3261e', type: 'dashed' }, data: [{ yAxis: bar }] } }),
      },
      errorBarSeries('95 % interval', rows.map((r, i) => [i, r.low, r.high])),
    ],
  };
}

/** Gold accuracy per week, one line per pool. */
export function goldByWeekOption(byWeek: Quality['gold']['byWeek']): EChartsCoreOption {
  const weeks = [...new Set(byWeek.map((w) => w.week))].sort();
  const pools = [...new Set(byWeek.map((w) => w.pool))].sort();
  return {
    grid: { left: 44, right: 16, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : percent(v)) },
    xAxis: { type: 'category', data: weeks },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: pools.map((pool) => ({
      name: pool,
      type: 'line',
      connectNulls: true,
      data: weeks.map((week) => byWeek.find((w) => w.week === week && w.pool === pool)?.accuracy ?? null),
    })),
  };
}
