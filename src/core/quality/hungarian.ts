/**
 * Optimal assignment (Hungarian algorithm, Kuhn-Munkres with potentials, O(n²m)). Used to match
 * the regions of two annotators one-to-one so that agreement is not inflated by one box matching
 * several.
 */

/** For each row, the column assigned to it (or -1), minimising the total cost. Rectangular OK. */
export function minimumCostAssignment(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const cols = rows > 0 ? cost[0]!.length : 0;
  if (rows === 0) return [];
  if (cols === 0) return new Array<number>(rows).fill(-1);
  if (rows > cols) {
    // The algorithm needs rows ≤ columns: solve the transpose and invert.
    const transposed = Array.from({ length: cols }, (_, j) => cost.map((row) => row[j]!));
    const byColumn = minimumCostAssignment(transposed);
    const out = new Array<number>(rows).fill(-1);
    byColumn.forEach((row, j) => {
      if (row >= 0) out[row] = j;
    });
    return out;
  }
  // 1-based arrays as in the classic formulation; column 0 is a sentinel.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const match = new Int32Array(cols + 1); // match[j] = row (1-based) assigned to column j
  const way = new Int32Array(cols + 1);
  const minSlack = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    match[0] = i;
    let j0 = 0;
    minSlack.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = match[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const slack = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (slack < minSlack[j]!) {
          minSlack[j] = slack;
          way[j] = j0;
        }
        if (minSlack[j]! < delta) {
          delta = minSlack[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[match[j]!]! += delta;
          v[j]! -= delta;
        } else minSlack[j]! -= delta;
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0]!;
      match[j0] = match[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (match[j]! > 0) out[match[j]! - 1] = j - 1;
  return out;
}

/** For each row, the column assigned to it (or -1), maximising the total weight. */
export function maximumWeightAssignment(weight: readonly (readonly number[])[]): number[] {
  return minimumCostAssignment(weight.map((row) => row.map((w) => -w)));
}
