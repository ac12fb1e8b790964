/**
 * Agreement broken down the way a project manager asks about it: for the whole project, per pool
 * (answers of that pool's workers among themselves), per pair of annotators (Cohen's kappa on the
 * items both labelled) and per label (specific agreement: when one annotator says this label, how
 * often does another annotator of the same item say it too).
 */
import type { Answer } from './answers.ts';
import { cohenKappaFromTable } from './cohen-kappa.ts';
import { fleissKappaFromUnits } from './fleiss-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { percentAgreement } from './percent-agreement.ts';
import { type Value, sortedValues, unitsFromAnswers } from './reliability-data.ts';

export interface AgreementSummary {
  items: number;
  answers: number;
  /** Items with at least two answers. */
  pairableItems: number;
  percentAgreement: number;
  krippendorffAlpha: number;
  fleissKappa: number;
}

export interface PairAgreement {
  workerA: string;
  workerB: string;
  sharedItems: number;
  percentAgreement: number;
  cohenKappa: number;
}

export interface LabelAgreement {
  label: string;
  answers: number;
  /** Σ n_c(n_c − 1) / Σ n_c(m − 1) over items: P(another annotator agrees | one said this label). */
  specificAgreement: number;
}

export interface AgreementBreakdown {
  project: AgreementSummary;
  byPool: (AgreementSummary & { pool: string })[];
  byPair: PairAgreement[];
  byLabel: LabelAgreement[];
}

export interface BreakdownOptions {
  /** Pairs sharing fewer items are left out (their kappa would be noise). */
  minSharedItems?: number;
}

export function summarise(answers: readonly Answer[]): AgreementSummary {
  const units = unitsFromAnswers(answers);
  return {
    items: units.length,
    answers: answers.length,
    pairableItems: units.filter((u) => u.length >= 2).length,
    percentAgreement: percentAgreement(units),
    krippendorffAlpha: krippendorffAlpha(units),
    fleissKappa: fleissKappaFromUnits(units),
  };
}

function byItem(answers: readonly Answer[]): Map<string, Answer[]> {
  const items = new Map<string, Answer[]>();
  for (const a of answers) {
    const list = items.get(a.item);
    if (list) list.push(a);
    else items.set(a.item, [a]);
  }
  return items;
}

export function pairAgreement(answers: readonly Answer[], options: BreakdownOptions = {}): PairAgreement[] {
  const minShared = options.minSharedItems ?? 5;
  const categories: Value[] = sortedValues(answers.map((a) => a.label));
  const index = new Map(categories.map((c, i) => [String(c), i]));
  const k = categories.length;
  const tables = new Map<string, { a: string; b: string; table: Float64Array }>();
  for (const list of byItem(answers).values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = 0; y < list.length; y++) {
        const [p, q] = [list[x]!, list[y]!];
        if (p.worker >= q.worker) continue;
        const key = `${p.worker}\u0000${q.worker}`;
        let entry = tables.get(key);
        if (!entry) tables.set(key, (entry = { a: p.worker, b: q.worker, table: new Float64Array(k * k) }));
        entry.table[index.get(p.label)! * k + index.get(q.label)!]!++;
      }
    }
  }
  const out: PairAgreement[] = [];
  for (const { a, b, table } of tables.values()) {
    let shared = 0;
    let same = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) shared += table[i * k + j]!;
      same += table[i * k + i]!;
    }
    if (shared < minShared) continue;
    const rows = Array.from({ length: k }, (_, i) => Array.from(table.subarray(i * k, i * k + k)));
    out.push({ workerA: a, workerB: b, sharedItems: shared, percentAgreement: same / shared, cohenKappa: cohenKappaFromTable(rows) });
  }
  return out.sort((x, y) => x.cohenKappa - y.cohenKappa || y.sharedItems - x.sharedItems);
}

export function labelAgreement(answers: readonly Answer[]): LabelAgreement[] {
  const agree = new Map<string, number>();
  const possible = new Map<string, number>();
  const count = new Map<string, number>();
  for (const list of byItem(answers).values()) {
    const m = list.length;
    const perLabel = new Map<string, number>();
    for (const a of list) perLabel.set(a.label, (perLabel.get(a.label) ?? 0) + 1);
    for (const [label, n] of perLabel) {
      count.set(label, (count.get(label) ?? 0) + n);
      if (m < 2) continue;
      agree.set(label, (agree.get(label) ?? 0) + n * (n - 1));
      possible.set(label, (possible.get(label) ?? 0) + n * (m - 1));
    }
  }
  return sortedValues(count.keys()).map((v) => {
    const label = String(v);
    const p = possible.get(label) ?? 0;
    return { label, answers: count.get(label)!, specificAgreement: p > 0 ? (agree.get(label) ?? 0) / p : Number.NaN };
  });
}

export function agreementBreakdown(answers: readonly Answer[], options: BreakdownOptions = {}): AgreementBreakdown {
  const pools = new Map<string, Answer[]>();
  for (const a of answers) {
    if (a.pool === undefined) continue;
    const list = pools.get(a.pool);
    if (list) list.push(a);
    else pools.set(a.pool, [a]);
  }
  return {
    project: summarise(answers),
    byPool: [...pools].map(([pool, list]) => ({ pool, ...summarise(list) })),
    byPair: pairAgreement(answers, options),
    byLabel: labelAgreement(answers),
  };
}
