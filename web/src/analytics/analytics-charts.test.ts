import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnalyticsRow, Velocity } from '../api/analytics-types.ts';
import { byPoolAndDay, costAxisIsLogarithmic, costPerPoolOption, formatPrice, poolOf, velocityPoints } from './analytics-charts.ts';

const row = (poolKey: string, day: string, labels: number): AnalyticsRow => ({
  key: { poolKey, day },
  labels,
  goldLabels: 0,
  items: labels,
  activeHours: 1,
  activeDays: 1,
  labelsPerHour: labels,
  itemsPerDay: labels,
  turnaroundHours: null,
  revision: null,
  goldAccuracy: null,
  agreement: null,
  itemAgreement: null,
  acceptedLabels: labels,
  cost: [],
  sla: null,
  unpriced: [],
});

it('names work in no pool as the quality page does', () => {
  assert.equal(poolOf({ ...row('x', '', 1), key: { poolKey: '(no pool)' } }), 'outside any pool');
  assert.equal(poolOf({ ...row('x', '', 1), key: {} }), 'outside any pool');
  assert.equal(poolOf(row('acme', '', 1)), 'acme');
});

it('lays each pool out over every day, with gaps where it did nothing', () => {
  const { days, series } = byPoolAndDay([row('acme', '2026-01-02', 5), row('crowd', '2026-01-01', 3), row('acme', '2026-01-01', 1), { ...row('acme', '', 9), key: { poolKey: 'acme' } }], (r) => r.labels);
  assert.deepEqual(days, ['2026-01-01', '2026-01-02']);
  assert.deepEqual(series, [
    { pool: 'acme', data: [1, 5] },
    { pool: 'crowd', data: [3, null] },
  ]);
});

it('draws the forecast from the last total to the end, at the expected, earliest and latest dates', () => {
  const velocity: Velocity = {
    weeks: [
      { weekStart: '2026-01-05', count: 10, labels: 12, complete: true },
      { weekStart: '2026-01-12', count: 20, labels: 22, complete: true },
    ],
    remaining: 60,
    forecast: { remaining: 60, velocity: { weeks: 2, mean: 15, sd: 7 }, confidence: 0.8, expectedWeeks: 4, earliestWeeks: 3, latestWeeks: 6, expectedDate: '2026-02-16', earliestDate: '2026-02-09', latestDate: '2026-03-02', reason: null },
  };
  const { cumulative, forecast } = velocityPoints(velocity);
  assert.deepEqual(cumulative, [
    ['2026-01-12', 10],
    ['2026-01-19', 30],
  ]);
  assert.deepEqual(forecast?.expected, [
    ['2026-01-19', 30],
    ['2026-02-16', 90],
  ]);
  assert.equal(forecast?.latest.at(-1)?.[0], '2026-03-02');
  assert.equal(velocityPoints({ ...velocity, forecast: { ...velocity.forecast, expectedDate: null } }).forecast, null);
});

it('writes prices with cents, or three significant digits under one unit', () => {
  assert.equal(formatPrice(113.4), '113');
  assert.equal(formatPrice(2.5), '2.50');
  assert.equal(formatPrice(0.0712), '0.0712');
  assert.equal(formatPrice(0.07), '0.07');
  assert.equal(formatPrice(0.5), '0.5');
});

it('puts the cost on a logarithmic axis only where one pool would dwarf another', () => {
  assert.equal(costAxisIsLogarithmic([113, 0.07]), true);
  assert.equal(costAxisIsLogarithmic([1.2, 0.5, null]), false);
  // a free pool has no logarithm: the axis stays linear rather than drop its bar
  assert.equal(costAxisIsLogarithmic([113, 0]), false);
  assert.equal(costAxisIsLogarithmic([113, null]), false);
  const cost = (poolKey: string, perAcceptedLabel: number): AnalyticsRow => ({ ...row(poolKey, '', 1), key: { poolKey }, cost: [{ currency: 'EUR', total: perAcceptedLabel, perAcceptedLabel }] as AnalyticsRow['cost'] });
  type Drawn = { yAxis: { name: string; axisLabel?: { formatter(y: number): string } }; series: { data: (number | null)[] }[] };
  const option = costPerPoolOption([cost('experts', 113), cost('crowd', 0.07)]) as Drawn;
  assert.match(option.yAxis.name, /log scale/);
  // Both bars rise from the axis's foot, a decade under the cheapest pool: 0.01, 0.1, 1, 10, 100, 1000.
  const [experts, crowd] = option.series[0]!.data as number[];
  assert.ok(crowd! > 0 && experts! > crowd!);
  assert.equal(option.yAxis.axisLabel!.formatter(0), '0.01');
  assert.equal(option.yAxis.axisLabel!.formatter(4), '100');
  assert.equal(option.yAxis.axisLabel!.formatter(crowd!), '0.07');
  assert.equal(option.yAxis.axisLabel!.formatter(experts!), '113');
  const linear = costPerPoolOption([cost('experts', 1), cost('crowd', 0.5)]) as Drawn;
  assert.doesNotMatch(linear.yAxis.name, /log/);
  assert.deepEqual(linear.series[0]!.data, [1, 0.5]);
});
