import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { confusionCells, confusionOption, countShareWords, countWords, fixed, goldByWeekOption, pairBarsOption, percent, rowTotals } from './quality-charts.ts';

it('lays every cell of a row with answers out once, at its row and column, shaded by its share of the row', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.array(fc.nat({ max: 50 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })), (counts) => {
      const cells = confusionCells(counts);
      const totals = rowTotals(counts);
      assert.equal(cells.length, totals.filter((t) => t > 0).length * counts.length);
      for (const { x, y, count, share } of cells) {
        assert.equal(count, counts[y]![x]);
        assert.ok(Math.abs(share - count / totals[y]!) < 1e-12);
      }
    }),
  );
});

it('shows the counts an annotator really answered, with row shares from those counts', () => {
  // Ana on 9 settled "dusk" items answered dusk each time, on 2 "day" items day, and once night on 4 "night" items.
  const labels = ['day', 'dusk', 'night'];
  const counts = [
    [2, 0, 0],
    [0, 9, 0],
    [0, 1, 3],
  ];
  const option = confusionOption(labels, counts) as { yAxis: { data: string[] }; series: { data: { value: number[] }[] }[] };
  assert.deepEqual(option.yAxis.data, ['day (2)', 'dusk (9)', 'night (4)'], 'each row says how many answers it holds');
  const cell = (x: number, y: number) => option.series[0]!.data.find((d) => d.value[0] === x && d.value[1] === y)!.value;
  assert.deepEqual(cell(1, 1), [1, 1, 1, 9], 'the dusk row: every answer dusk, nothing else');
  assert.deepEqual(cell(0, 1), [0, 1, 0, 0]);
  assert.deepEqual(cell(2, 2), [2, 2, 0.75, 3]);
  assert.deepEqual(cell(1, 2), [1, 2, 0.25, 1]);
  assert.equal(countWords(3, 4), '3 of 4 (75 %)');
  assert.equal(countShareWords(0, 9), '0 (0 %)');
  assert.equal(countShareWords(0, 0), '—', 'a row without answers has no share');
  assert.equal(confusionCells([[0, 0], [1, 1]]).length, 2, 'nor cells');
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
