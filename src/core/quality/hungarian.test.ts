import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { maximumWeightAssignment, minimumCostAssignment } from './hungarian.ts';

function bruteForceMinimum(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0]!.length;
  let best = Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const go = (r: number, sum: number, assigned: number): void => {
    if (r === rows) {
      if (assigned === Math.min(rows, cols)) best = Math.min(best, sum);
      return;
    }
    if (rows - r > cols - assigned) {
      // Some rows must stay unassigned when there are more rows than columns.
      go(r + 1, sum, assigned);
    }
    for (let c = 0; c < cols; c++) {
      if (used[c]) continue;
      used[c] = true;
      go(r + 1, sum + cost[r]![c]!, assigned + 1);
      used[c] = false;
    }
  };
  go(0, 0, 0);
  return best;
}

test('the textbook 3x3 example', () => {
  const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
  const assignment = minimumCostAssignment(cost);
  assert.equal(assignment.reduce((s, c, r) => s + cost[r]![c]!, 0), 5);
  assert.equal(new Set(assignment).size, 3);
});

test('rectangular: more rows than columns leaves rows unassigned', () => {
  const assignment = maximumWeightAssignment([[0.9], [0.95], [0.1]]);
  assert.deepEqual(assignment, [-1, 0, -1]);
});

test('property: optimal against brute force, one-to-one', () => {
  const matrix = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
    .chain(([r, c]) => fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
  fc.assert(
    fc.property(matrix, (cost) => {
      const assignment = minimumCostAssignment(cost);
      const columns = assignment.filter((c) => c >= 0);
      const total = assignment.reduce((s, c, r) => s + (c >= 0 ? cost[r]![c]! : 0), 0);
      return (
        new Set(columns).size === columns.length &&
        columns.length === Math.min(cost.length, cost[0]!.length) &&
        total === bruteForceMinimum(cost)
      );
    }),
  );
});
