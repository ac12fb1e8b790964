/**
 * `atelier bench --scenario aggregation`: every aggregation method on every crowd data set in
 * `datasets/crowd` (accuracy on gold, a tie counting as wrong; MAE with RMSE for the numeric
 * `emotion`), with its time and the published figures of that folder's README beside it; then
 * summary rows for the targets: `auto` against the best published figure of each set and, over
 * the sets, against every published method; Dawid-Skene's time on `product`; and Dawid-Skene on
 * generated answers (1,000,000 by default, `--items N` to change, 10 classes) with its memory
 * watched at every iteration. `--flag sets=rte,web` and `--flag methods=mv,ds` narrow the run;
 * `--flag large=off` skips the generated run.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type Answer, type EncodedAnswers, encodeAnswers, fromIndices } from '../../core/quality/answers.ts';
import { autoAggregate } from '../../core/quality/auto-aggregation.ts';
import type { Consensus } from '../../core/quality/consensus.ts';
import { dawidSkene, fitDawidSkene } from '../../core/quality/dawid-skene.ts';
import { glad } from '../../core/quality/glad.ts';
import { numericError, scoreAgainstGold } from '../../core/quality/gold-score.ts';
import { mace } from '../../core/quality/mace.ts';
import { majorityVote } from '../../core/quality/majority-vote.ts';
import { type NumericMethod, aggregateNumbers } from '../../core/quality/numeric-aggregation.ts';
import { oneCoinDawidSkene } from '../../core/quality/one-coin-dawid-skene.ts';
import { seededRandom } from '../../core/quality/seeded-random.ts';
import { wawa } from '../../core/quality/wawa.ts';
import { crossFittedWeightedVote } from '../../core/quality/weighted-majority-vote.ts';
import { ownRssMb } from '../server-process.ts';
import type { BenchOptions, BenchResult, BenchScenario } from '../types.ts';

export const CROWD_DIR = new URL('../../../datasets/crowd/', import.meta.url);

export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(new URL(path, CROWD_DIR)), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

const LABEL_SETS = ['rte', 'temp', 'wsd', 'bluebirds', 'product', 'possent', 'web'] as const;
/** `ds-plain` is Dawid-Skene without smoothing, as the README's reference runs; `ds` is the Laplace-smoothed default. */
const CATEGORICAL = ['mv', 'wawa', 'wmv', 'ds', 'ds-plain', 'one-coin', 'glad', 'mace', 'auto'] as const;
const NUMERIC = ['mean', 'median', 'robust', 'auto'] as const;

interface Published {
  source: string;
  method: string;
  value: number;
}

/** A published figure for one set (accuracy as a fraction). */
type SetFigure = Published & { set: string };

/** The figures of datasets/crowd/README.md. */
const zheng = (method: string, product: number, possent: number): SetFigure[] => [
  // Percentages to fractions without float noise (92.8 / 100 is 0.9279999…).
  { source: 'Zheng et al. 2017', method, value: Number((product / 100).toFixed(4)), set: 'product' },
  { source: 'Zheng et al. 2017', method, value: Number((possent / 100).toFixed(4)), set: 'possent' },
];
const crowdKit = (set: string, figures: Record<string, number>): SetFigure[] =>
  Object.entries(figures).map(([method, value]) => ({ source: 'Crowd-Kit 2024', method, value, set }));
const later = (set: string, figures: Record<string, number>): SetFigure[] =>
  Object.entries(figures).map(([method, value]) => ({ source: 'curators / Li et al. 2019', method, value, set }));

export const PUBLISHED: SetFigure[] = [
  ...(
    [
      ['MV', 89.66, 93.31], ['ZC', 92.8, 95.1], ['GLAD', 92.2, 95.2], ['D&S', 93.66, 96.0], ['Minimax', 84.09, 95.8],
      ['BCC', 93.78, 96.0], ['CBCC', 93.72, 96.0], ['LFC', 93.73, 96.0], ['CATD', 92.66, 95.5], ['PM', 89.81, 95.04],
      ['KOS', 89.55, 93.8],
    ] as const
  ).flatMap(([m, a, b]) => zheng(m, a, b)),
  ...crowdKit('product', { MV: 0.897, Wawa: 0.897, DS: 0.94, GLAD: 0.928, KOS: 0.895, MACE: 0.929 }),
  ...crowdKit('possent', { MV: 0.932, Wawa: 0.951, DS: 0.96, GLAD: 0.948, KOS: 0.933, MACE: 0.95, 'M-MSR': 0.937 }),
  ...later('rte', { 'D&S': 0.9275, EBCC: 0.93125 }),
  ...later('bluebirds', { 'D&S': 0.8796, EBCC: 0.8611, IBCC: 0.8889 }),
  ...later('web', { EBCC: 0.7686, BWA: 0.8225 }),
  ...later('product', { EBCC: 0.9349, IBCC: 0.9383 }),
  ...later('possent', { EBCC: 0.961 }),
];

/** Emotion, Zheng et al. 2017: [MAE, RMSE]; lower is better. */
export const PUBLISHED_EMOTION: Record<string, [number, number]> = {
  Mean: [12.02, 17.84], Median: [13.53, 21.26], LFC_N: [12.2, 18.97], PM: [13.91, 21.96], CATD: [16.36, 25.94],
};

/** The README's reference runs of plain Dawid-Skene and majority vote (the only figures for temp and wsd). */
export const REFERENCE_RUNS: Record<string, { ds: number; mv: number }> = {
  rte: { ds: 0.9275, mv: 0.8969 }, temp: { ds: 0.9416, mv: 0.9361 }, wsd: { ds: 0.9944, mv: 0.9944 },
  bluebirds: { ds: 0.8981, mv: 0.7593 }, product: { ds: 0.9397, mv: 0.8966 }, possent: { ds: 0.96, mv: 0.9335 },
  web: { ds: 0.8277, mv: 0.7307 },
};

/** Which published methods are the same algorithm as ours. */
const SAME_METHOD: Record<string, string[]> = {
  mv: ['MV'], wawa: ['Wawa'], ds: ['D&S', 'DS'], 'ds-plain': ['D&S', 'DS'], 'one-coin': ['ZC'], glad: ['GLAD'], mace: ['MACE'], mean: ['Mean'], median: ['Median'],
};

/** The best published figure of a set: literature first; the README reference run where there is none. */
export function bestPublished(set: string): Published {
  const figures = PUBLISHED.filter((p) => p.set === set);
  if (figures.length === 0) return { source: 'README reference run', method: 'D&S', value: REFERENCE_RUNS[set]!.ds };
  return figures.reduce((a, b) => (b.value > a.value ? b : a));
}

function run(method: (typeof CATEGORICAL)[number], data: EncodedAnswers, gold: Map<string, string>): Consensus {
  switch (method) {
    case 'mv': return majorityVote(data);
    case 'wawa': return wawa(data);
    case 'wmv': return crossFittedWeightedVote(data, gold);
    case 'ds': return dawidSkene(data);
    case 'ds-plain': return dawidSkene(data, { smoothing: 0, priorSmoothing: 0, tolerance: 0 });
    case 'one-coin': return oneCoinDawidSkene(data);
    case 'glad': return glad(data);
    case 'mace': return mace(data);
    default: return autoAggregate(data);
  }
}

const fixed = (x: number, digits = 4): number => Number(x.toFixed(digits));

function row(fields: Partial<BenchResult> & Pick<BenchResult, 'items' | 'value' | 'unit'>): BenchResult {
  return { scenario: 'aggregation', db: 'none', concurrency: 1, baseline: null, ratio: null, p50_ms: null, p99_ms: null, rss_mb: ownRssMb(), ...fields };
}

function listFlag(options: BenchOptions, name: string): string[] | null {
  const v = options.flags[name];
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()) : null;
}

function labelSetRows(options: BenchOptions, accuracy: Map<string, Map<string, number>>): BenchResult[] {
  const sets = listFlag(options, 'sets') ?? [...LABEL_SETS, 'emotion'];
  const methods = listFlag(options, 'methods');
  const out: BenchResult[] = [];
  for (const set of LABEL_SETS.filter((s) => sets.includes(s))) {
    const answers: Answer[] = readCsv(`${set}/answers.csv`).map((r) => ({ item: r.item!, worker: r.worker!, label: r.label! }));
    const gold = new Map(readCsv(`${set}/gold.csv`).map((r) => [r.item!, r.label!]));
    const data = encodeAnswers(answers);
    const best = bestPublished(set);
    for (const method of CATEGORICAL.filter((m) => !methods || methods.includes(m))) {
      const start = performance.now();
      const result = run(method, data, gold);
      const ms = performance.now() - start;
      const score = scoreAgainstGold(result, gold);
      options.log(`aggregation ${set} ${method}: ${score.accuracy.toFixed(4)} in ${ms.toFixed(0)} ms`);
      if (!accuracy.has(method)) accuracy.set(method, new Map());
      accuracy.get(method)!.set(set, score.accuracy);
      const same = PUBLISHED.filter((p) => p.set === set && (SAME_METHOD[method] ?? []).includes(p.method));
      out.push(row({
        items: answers.length, value: fixed(score.accuracy), unit: 'accuracy',
        baseline: best.value, ratio: fixed(score.accuracy / best.value),
        dataset: set, method, ms: Math.round(ms),
        expected_accuracy: fixed(score.expectedAccuracy), tied_items: score.tiedItems,
        published: { best: best.value, best_method: `${best.method} (${best.source})`, same_method: same.map((p) => ({ value: p.value, source: p.source })) },
        reference_run: method === 'mv' ? REFERENCE_RUNS[set]!.mv : method.startsWith('ds') ? REFERENCE_RUNS[set]!.ds : undefined,
        ...(method === 'wmv' ? { uses_gold: 'worker weights from gold, cross-fitted 5-fold: an item is never labelled with its own gold' } : {}),
        ...(method === 'auto' ? { within_half_point: score.accuracy >= best.value - 0.005 } : {}),
      }));
    }
  }
  return out;
}

function emotionRows(options: BenchOptions): BenchResult[] {
  const sets = listFlag(options, 'sets');
  if (sets && !sets.includes('emotion')) return [];
  const methods = listFlag(options, 'methods');
  const answers = readCsv('emotion/answers.csv').map((r) => ({ item: r.item!, worker: r.worker!, value: Number(r.label) }));
  const gold = new Map(readCsv('emotion/gold.csv').map((r) => [r.item!, Number(r.label)]));
  const [bestMae, bestRmse] = PUBLISHED_EMOTION.Mean!;
  return NUMERIC.filter((m) => !methods || methods.includes(m)).map((method) => {
    const start = performance.now();
    // auto on numeric answers is the mean (see atelier aggregate).
    const result = aggregateNumbers(answers, method === 'auto' ? 'mean' : (method as NumericMethod));
    const ms = performance.now() - start;
    const e = numericError(result.items, gold);
    options.log(`aggregation emotion ${method}: MAE ${e.meanAbsoluteError.toFixed(2)} RMSE ${e.rootMeanSquaredError.toFixed(2)}`);
    const same = Object.entries(PUBLISHED_EMOTION).filter(([m]) => (SAME_METHOD[method] ?? []).includes(m));
    return row({
      items: answers.length, value: fixed(e.meanAbsoluteError, 3), unit: 'MAE',
      baseline: bestMae, ratio: fixed(e.meanAbsoluteError / bestMae), dataset: 'emotion', method, ms: Math.round(ms),
      rmse: fixed(e.rootMeanSquaredError, 3),
      published: { best_mae: bestMae, best_rmse: bestRmse, best_method: 'Mean (Zheng et al. 2017)', same_method: same.map(([, [mae, rmse]]) => ({ mae, rmse })) },
      ...(method === 'auto' ? { within_half_point: e.meanAbsoluteError <= bestMae + 0.5 } : {}),
    });
  });
}

/** auto against every published method and every one of ours, each over the sets it has figures for. */
function summaryRows(accuracy: Map<string, Map<string, number>>): BenchResult[] {
  const auto = accuracy.get('auto');
  if (!auto) return [];
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const out: BenchResult[] = [];
  const groups = new Map<string, SetFigure[]>();
  for (const p of PUBLISHED) {
    const key = `${p.method} (${p.source})`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const [method, figures] of groups) {
    const covered = figures.filter((f) => auto.has(f.set));
    if (covered.length === 0) continue;
    const ours = mean(covered.map((f) => auto.get(f.set)!));
    const theirs = mean(covered.map((f) => f.value));
    // The same algorithm run here, beside the published figure (which is often rounded to three
    // decimals): the last of ours that matches, so `ds-plain` (unsmoothed, as published) for D&S.
    const twin = Object.keys(SAME_METHOD).filter((m) => SAME_METHOD[m]!.includes(figures[0]!.method) && accuracy.has(m)).pop();
    const twinScores = twin ? accuracy.get(twin)! : undefined;
    out.push(row({
      items: covered.length, value: fixed(ours), unit: 'mean accuracy', baseline: fixed(theirs), ratio: fixed(ours / theirs),
      dataset: covered.map((f) => f.set).join('+'), method: 'auto', versus: `published ${method}`, meets_target: ours > theirs,
      ...(twin && twinScores && covered.every((f) => twinScores.has(f.set)) ? { same_algorithm_here: { method: twin, mean_accuracy: fixed(mean(covered.map((f) => twinScores.get(f.set)!))) } } : {}),
    }));
  }
  const sets = [...auto.keys()];
  for (const [method, scores] of accuracy) {
    if (method === 'auto' || !sets.every((s) => scores.has(s))) continue;
    const ours = mean(sets.map((s) => auto.get(s)!));
    const theirs = mean(sets.map((s) => scores.get(s)!));
    out.push(row({
      items: sets.length, value: fixed(ours), unit: 'mean accuracy', baseline: fixed(theirs), ratio: fixed(ours / theirs),
      dataset: sets.join('+'), method: 'auto', versus: `our ${method}`, meets_target: ours >= theirs,
    }));
  }
  const best = sets.map((s) => bestPublished(s).value);
  out.push(row({
    items: sets.length, value: fixed(mean(sets.map((s) => auto.get(s)!))), unit: 'mean accuracy', baseline: fixed(mean(best)),
    ratio: fixed(mean(sets.map((s) => auto.get(s)!)) / mean(best)), dataset: sets.join('+'), method: 'auto',
    versus: 'best published figure of each set', meets_target: sets.every((s, i) => auto.get(s)! >= best[i]! - 0.005),
  }));
  return out;
}

/** Dawid-Skene on product, warm, median of 7 runs (the target is under 100 ms). */
function productTiming(options: BenchOptions): BenchResult[] {
  const sets = listFlag(options, 'sets');
  if (sets && !sets.includes('product')) return [];
  const answers = readCsv('product/answers.csv').map((r) => ({ item: r.item!, worker: r.worker!, label: r.label! }));
  const encodeStart = performance.now();
  const data = encodeAnswers(answers);
  const encodeMs = performance.now() - encodeStart;
  const times: number[] = [];
  let iterations = 0;
  for (let r = 0; r < 8; r++) {
    const start = performance.now();
    iterations = dawidSkene(data).iterations!;
    if (r > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return [row({
    items: answers.length, value: fixed(times[3]!, 1), unit: 'ms', p50_ms: fixed(times[3]!, 1), p99_ms: fixed(times.at(-1)!, 1),
    dataset: 'product', method: 'ds', iterations, encode_ms: fixed(encodeMs, 1), target_ms: 100, meets_target: times[3]! < 100,
  })];
}

/** Generated answers: `n` answers, 10 per item, 10 classes, workers of accuracy 0.35–0.95. */
export function generateAnswers(n: number, classes: number, seed: number): { data: EncodedAnswers; truth: Int32Array } {
  const random = seededRandom(seed);
  const nItems = Math.max(1, Math.floor(n / 10));
  const nWorkers = Math.max(10, Math.floor(n / 500));
  const truth = Int32Array.from({ length: nItems }, () => Math.floor(random() * classes));
  const accuracy = Float64Array.from({ length: nWorkers }, () => 0.35 + 0.6 * random());
  const item = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    // Answers arrive in no particular item order, as an export would give them.
    const i = Math.floor(random() * nItems);
    const w = Math.floor(random() * nWorkers);
    item[a] = i;
    worker[a] = w;
    label[a] = random() < accuracy[w]! ? truth[i]! : Math.floor(random() * classes);
  }
  const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  return { data: fromIndices(names('i', nItems), names('w', nWorkers), names('c', classes), item, worker, label), truth };
}

function largeRun(options: BenchOptions): BenchResult[] {
  if (options.flags.large === 'off') return [];
  const n = options.items ?? 1_000_000;
  const { data, truth } = generateAnswers(n, 10, 7);
  options.log(`aggregation: Dawid-Skene on ${n} generated answers, 10 classes`);
  const memory: { heap: number; buffers: number }[] = [];
  const rssBefore = process.memoryUsage().rss;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const fit = fitDawidSkene(data, {
    onIteration: () => {
      const m = process.memoryUsage();
      memory.push({ heap: m.heapUsed, buffers: m.arrayBuffers });
    },
  });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakRss = Math.max(rssBefore, process.memoryUsage().rss);
  let right = 0;
  for (let i = 0; i < data.items.length; i++) {
    let best = 0;
    for (let c = 1; c < 10; c++) if (fit.posteriors[i * 10 + c]! > fit.posteriors[i * 10 + best]!) best = c;
    if (best === truth[i]) right++;
  }
  // Typed arrays hold the fit: their total must not move after the first iteration. The JS heap
  // saw-tooths between collections (numbers boxed before the optimiser kicks in), so compare its
  // peak over the first iterations with its peak over the last ones.
  const growth = (pick: (m: { heap: number; buffers: number }) => number): number =>
    memory.length > 1 ? (Math.max(...memory.slice(1).map(pick)) - pick(memory[0]!)) / 1e6 : 0;
  const peakHeap = (part: typeof memory): number => Math.max(...part.map((m) => m.heap)) / 1e6;
  return [row({
    items: n, value: Math.round(ms), unit: 'ms', dataset: `generated ${n} answers, 10 classes`, method: 'ds',
    iterations: fit.iterations, accuracy: fixed(right / data.items.length), rss_mb: Math.round(peakRss / 1e6),
    typed_array_growth_after_first_iteration_mb: fixed(growth((m) => m.buffers), 2),
    heap_peak_first_5_iterations_mb: fixed(peakHeap(memory.slice(0, 5)), 1),
    heap_peak_last_5_iterations_mb: fixed(peakHeap(memory.slice(-5)), 1),
    cpu_ms: Math.round(cpuMs), target_ms: 3000, meets_target: ms < 3000,
  })];
}

export const aggregationScenario: BenchScenario = {
  name: 'aggregation',
  description: 'Every aggregation method on every crowd data set (accuracy or MAE, time) beside the published figures',
  async run(options) {
    // Timings first, in a fresh process, before the accuracy runs fill the heap.
    const timings = [...largeRun(options), ...productTiming(options)];
    const accuracy = new Map<string, Map<string, number>>();
    const results = [...labelSetRows(options, accuracy), ...emotionRows(options)];
    return [...results, ...summaryRows(accuracy), ...timings];
  },
};
