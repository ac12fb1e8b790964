import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { fixed, goldByWeekOption, heatmapCells, pairBarsOption, percent } from './quality-charts.ts';

it('lays every cell of a confusion matrix out once, at its row and column', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })), (matrix) => {
      const cells = heatmapCells(matrix);
      assert.equal(cells.length, matrix.length * matrix.length);
      for (const [x, y, v] of cells) assert.ok(Math.abs(v - matrix[y]![x]!) < 0.0006);
    }),
  );
});

it('draws gold by week as one line per pool over every week, gaps where a pool had no gold', () => {
  const option = goldByWeekOption([
    { week: '2026-W02', pool: 'acme', answered: 10, accuracy: 0.9 },
    { week: '2026-W01', pool: 'acme', answered: 10, accuracy: 0.8 },
    { week: '2026-W02', pool: 'crowd', answered: 5, accuracy: 0.6 },
  ]) as { xAxis: { data: string[] }; series: { name: string; data: (number | null)[] }[] };
  assert.deepEqual(option.xAxis.data, ['2026-W01', '2026-W02']);
  assert.deepEqual(option.series.map((s) => [s.name, s.data]), [
    ['acme', [0.8, 0.9]],
    ['crowd', [null, 0.6]],
  ]);
  assert.equal(percent(0.8456), '84.6 %');
});

it('shows an undefined figure as a dash, and puts a pair with an undefined kappa last with no bar', () => {
  assert.equal(percent(null), '—');
  assert.equal(fixed(null), '—');
  assert.equal(fixed(-0.125), '-0.13');
  const rows = [{ name: 'n · z', value: null }, { name: 'lo · z', value: -0.2 }, { name: 'hi · z', value: 0.7 }];
  const option = pairBarsOption(rows, 'Cohen κ') as { xAxis: { min: number }; yAxis: { data: string[] }; series: { data: (number | null)[] }[] };
  assert.deepEqual(option.yAxis.data, ['hi · z', 'lo · z', 'n · z']);
  assert.deepEqual(option.series[0]!.data, [0.7, -0.2, null]);
  assert.equal(option.xAxis.min, -0.2);
});
