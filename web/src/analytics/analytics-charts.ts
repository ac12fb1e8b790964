/**
 * The analytics figures as charts: cost per accepted label per pool side by side, a figure of each
 * pool day by day, and the velocity curve with the forecast of the completion date and its interval.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { AnalyticsRow, Velocity } from '../api/analytics-types.ts';

/** Work in no pool (in-house staff on unrouted work), named as the quality page names it: a pool may be called in-house. */
const STAFF = 'outside any pool';
/** The server's key for work done in no pool. */
const UNPOOLED_KEY = '(no pool)';
export const poolOf = (row: AnalyticsRow): string => (row.key.poolKey === undefined || row.key.poolKey === UNPOOLED_KEY ? STAFF : row.key.poolKey);

/** Each pool's value of a figure day by day: the days in order, one series per pool, null where a pool did nothing that day. */
export function byPoolAndDay(rows: AnalyticsRow[], pick: (row: AnalyticsRow) => number | null): { days: string[]; series: { pool: string; data: (number | null)[] }[] } {
  const dated = rows.filter((r) => r.key.day);
  const days = [...new Set(dated.map((r) => r.key.day!))].sort();
  const pools = [...new Set(dated.map(poolOf))].sort();
  const series = pools.map((pool) => ({
    pool,
    data: days.map((day) => {
      const row = dated.find((r) => r.key.day === day && poolOf(r) === pool);
      return row ? pick(row) : null;
    }),
  }));
  return { days, series };
}

/** A price as people write it: cents where they matter, three significant digits under one unit. */
export function formatPrice(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 1) return value.toFixed(2);
  return value.toPrecision(3).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * On one linear axis a pool at 113 EUR a label leaves a pool at 0.07 as a number over an empty
 * axis; past this spread between the dearest and the cheapest pool the axis becomes logarithmic.
 */
export const LOG_SCALE_SPREAD = 30;

export function costAxisIsLogarithmic(values: (number | null)[]): boolean {
  const positive = values.filter((v): v is number => v !== null && v > 0);
  if (positive.length < 2 || positive.length !== values.filter((v) => v !== null).length) return false;
  return Math.max(...positive) / Math.min(...positive) >= LOG_SCALE_SPREAD;
}

/**
 * On a logarithmic axis ECharts grows bars from 1, so a price under 1 hangs down from it. The
 * chart draws the logarithms instead, over a linear axis that starts a decade under the cheapest
 * pool and is labelled in prices.
 */
function logarithmicScale(values: (number | null)[]): { base: number; at(v: number | null): number | null; price(y: number): number } {
  const cheapest = Math.min(...values.filter((v): v is number => v !== null && v > 0));
  const base = 10 ** Math.floor(Math.log10(cheapest) - 0.3);
  return { base, at: (v) => (v === null ? null : Math.log10(v / base)), price: (y) => base * 10 ** y };
}

export function costPerPoolOption(rows: AnalyticsRow[]): EChartsCoreOption {
  const pools = rows.map(poolOf);
  const currencies = [...new Set(rows.flatMap((r) => r.cost.map((c) => c.currency)))].sort();
  const prices = currencies.map((currency) => rows.map((r) => r.cost.find((c) => c.currency === currency)?.perAcceptedLabel ?? null));
  const log = costAxisIsLogarithmic(prices.flat()) ? logarithmicScale(prices.flat()) : null;
  const price = (y: number): string => formatPrice(log ? log.price(y) : y);
  return {
    grid: { left: 56, right: 16, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (y: number | null) => (y === null ? '–' : price(y)) },
    xAxis: { type: 'category', data: pools },
    yAxis: log
      ? { type: 'value', name: 'per accepted label (log scale)', min: 0, interval: 1, axisLabel: { formatter: (y: number) => String(Number(log.price(y).toPrecision(3))) } }
      : { type: 'value', name: 'per accepted label' },
    series: currencies.map((currency, i) => ({
      name: currency,
      type: 'bar',
      barMaxWidth: 56,
      label: { show: true, position: 'top', formatter: (p: { value: number | null }) => (p.value === null ? '' : price(p.value)) },
      data: log ? prices[i]!.map(log.at) : prices[i],
    })),
  };
}

export function poolLinesOption(rows: AnalyticsRow[], pick: (row: AnalyticsRow) => number | null, yAxis: Record<string, unknown>, kind: 'line' | 'bar' = 'line'): EChartsCoreOption {
  const { days, series } = byPoolAndDay(rows, pick);
  return {
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', ...yAxis },
    series: series.map((s) => ({ name: s.pool, type: kind, stack: kind === 'bar' ? 'labels' : undefined, connectNulls: true, data: s.data })),
  };
}

const DAY = 86_400_000;

/** Items accepted week by week and in total, and where the total is expected to reach the end (with the interval's earliest and latest dates). */
export function velocityPoints(velocity: Velocity): { cumulative: [string, number][]; forecast: { expected: [string, number][]; earliest: [string, number][]; latest: [string, number][] } | null } {
  let done = 0;
  const cumulative = velocity.weeks.map((w): [string, number] => {
    done += w.count;
    return [new Date(Date.parse(w.weekStart) + 7 * DAY).toISOString().slice(0, 10), done];
  });
  const f = velocity.forecast;
  if (!f.expectedDate || cumulative.length === 0) return { cumulative, forecast: null };
  const from = cumulative.at(-1)!;
  const end = done + f.remaining;
  const line = (date: string | null): [string, number][] => (date ? [from, [date.slice(0, 10), end]] : []);
  return { cumulative, forecast: { expected: line(f.expectedDate), earliest: line(f.earliestDate), latest: line(f.latestDate) } };
}

export function velocityOption(velocity: Velocity): EChartsCoreOption {
  const { cumulative, forecast } = velocityPoints(velocity);
  const dashed = (color: string) => ({ type: 'line', showSymbol: true, symbolSize: 6, lineStyle: { type: 'dashed', color, width: 1.5 }, itemStyle: { color } });
  return {
    grid: { left: 56, right: 56, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', name: 'accepted, total', minInterval: 1 },
      { type: 'value', name: 'per week', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: 'Accepted per week', type: 'bar', yAxisIndex: 1, barMaxWidth: 28, itemStyle: { color: '#c9d6ea' }, data: velocity.weeks.map((w) => [w.weekStart, w.count]) },
      { name: 'Accepted, total', type: 'line', data: cumulative, lineStyle: { width: 2.5, color: '#1f5fa8' }, itemStyle: { color: '#1f5fa8' } },
      ...(forecast
        ? [
            { name: 'Forecast', ...dashed('#2d6a4f'), data: forecast.expected },
            { name: `Earliest (${Math.round(velocity.forecast.confidence * 100)} %)`, ...dashed('#9aa5b5'), data: forecast.earliest },
            { name: `Latest (${Math.round(velocity.forecast.confidence * 100)} %)`, ...dashed('#b3261e'), data: forecast.latest },
          ]
        : []),
    ],
  };
}
