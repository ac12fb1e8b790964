/**
 * Reliability data, the input of chance-corrected agreement: units (items), each with the values
 * the coders gave it. A coder who did not rate a unit simply has no value there (missing data).
 */
import type { Answer } from './answers.ts';

export type Value = string | number;

/** The values given to one unit, one per coder who rated it. */
export type Unit = readonly Value[];

/** Groups long-form answers by item, in the order items first appear. */
export function unitsFromAnswers(answers: readonly Pick<Answer, 'item' | 'label'>[]): Value[][] {
  const units = new Map<string, Value[]>();
  for (const { item, label } of answers) {
    const unit = units.get(item);
    if (unit) unit.push(label);
    else units.set(item, [label]);
  }
  return [...units.values()];
}

/**
 * Turns a coders × units table (one row per coder, `null`/`undefined` where a coder gave no
 * value) into units.
 */
export function unitsFromCoderRows(rows: readonly (readonly (Value | null | undefined)[])[]): Value[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const units: Value[][] = [];
  for (let u = 0; u < width; u++) {
    const unit: Value[] = [];
    for (const row of rows) {
      const v = row[u];
      if (v !== null && v !== undefined) unit.push(v);
    }
    units.push(unit);
  }
  return units;
}

/** Distinct values, numbers ascending (numeric strings too), other strings in code-point order. */
export function sortedValues(values: Iterable<Value>): Value[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => typeof v === 'number' || (v.trim() !== '' && Number.isFinite(Number(v))));
  return numeric
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}
