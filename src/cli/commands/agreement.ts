/**
 * `atelier agreement --metric krippendorff|fleiss|cohen|percent [--level ...] --input answers.csv`:
 * the agreement among the workers of an `item,worker,label` CSV, printed as one number (or, with
 * `--json`, with its details and the breakdown by pool, annotator pair and label).
 */
import { type Command, Option } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { agreementBreakdown } from '../../core/quality/agreement-breakdown.ts';
import { type KappaWeights, cohenKappa } from '../../core/quality/cohen-kappa.ts';
import { fleissKappaFromUnits } from '../../core/quality/fleiss-kappa.ts';
import { type MeasurementLevel, krippendorffAlpha } from '../../core/quality/krippendorff-alpha.ts';
import { percentAgreement } from '../../core/quality/percent-agreement.ts';
import { type Value, sortedValues, unitsFromAnswers } from '../../core/quality/reliability-data.ts';
import type { Answer } from '../../core/quality/answers.ts';
import { lastAnswerPerPair } from '../../core/quality/repeated-answers.ts';
import { type AnswerFile, type Output, numericLabels, readAnswersCsv, repeatedAnswersWarning } from './aggregate.ts';

const stdout: Output = { write: (text) => void process.stdout.write(text) };
const stderr: Output = { write: (text) => void process.stderr.write(text) };

export const METRICS = ['krippendorff', 'fleiss', 'cohen', 'percent'] as const;
const LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
const WEIGHTS = ['none', 'linear', 'quadratic'] as const;

/** Cohen's weights from the level when --weights is not given: ordered data gets partial credit. */
const WEIGHTS_FOR_LEVEL: Record<MeasurementLevel, KappaWeights> = {
  nominal: 'none',
  ordinal: 'linear',
  interval: 'quadratic',
  ratio: 'quadratic',
};

interface Measured {
  value: number;
  detail: Record<string, unknown>;
}

/**
 * Cohen's kappa is for two coders: with exactly two workers it is theirs; with more it is the mean
 * over pairs of workers who share at least two items (Light's kappa), and says so.
 */
function cohen(answers: readonly Answer[], weights: KappaWeights): Measured {
  const byWorker = new Map<string, Map<string, string>>();
  for (const a of answers) {
    const labels = byWorker.get(a.worker) ?? new Map<string, string>();
    labels.set(a.item, a.label);
    byWorker.set(a.worker, labels);
  }
  const workers = [...byWorker.keys()];
  if (workers.length < 2) throw new DomainError('validation_failed', 'cohen needs answers from two workers; the file has one');
  const categories: Value[] = sortedValues(answers.map((a) => a.label));
  const kappas: number[] = [];
  for (let i = 0; i < workers.length; i++) {
    for (let j = i + 1; j < workers.length; j++) {
      const a = byWorker.get(workers[i]!)!;
      const b = byWorker.get(workers[j]!)!;
      const shared = [...a.keys()].filter((item) => b.has(item));
      if (shared.length < 2) continue;
      const kappa = cohenKappa(shared.map((item) => a.get(item)!), shared.map((item) => b.get(item)!), { weights, categories });
      if (!Number.isNaN(kappa)) kappas.push(kappa);
    }
  }
  if (kappas.length === 0) throw new DomainError('validation_failed', 'no two workers share two items: cohen cannot be computed');
  const value = kappas.reduce((s, k) => s + k, 0) / kappas.length;
  return { value, detail: { weights, workers: workers.length, pairs: kappas.length, ...(workers.length > 2 ? { averaged: 'mean over pairs (Light)' } : {}) } };
}

function measure(metric: (typeof METRICS)[number], level: MeasurementLevel, weights: KappaWeights | undefined, file: AnswerFile): Measured {
  const { answers } = file;
  if ((metric === 'fleiss' || metric === 'percent') && level !== 'nominal') {
    throw new DomainError('invalid_input', `--metric ${metric} treats labels as categories: --level ${level} applies to krippendorff (and cohen)`);
  }
  switch (metric) {
    case 'krippendorff': {
      // Interval and ratio need numbers: name the line of the first label that is not one.
      if (level === 'interval' || level === 'ratio') numericLabels(file);
      return { value: krippendorffAlpha(unitsFromAnswers(answers), { level }), detail: { level } };
    }
    case 'fleiss':
      return { value: fleissKappaFromUnits(unitsFromAnswers(answers)), detail: {} };
    case 'percent':
      return { value: percentAgreement(unitsFromAnswers(answers)), detail: {} };
    default:
      return cohen(answers, weights ?? WEIGHTS_FOR_LEVEL[level]);
  }
}

export function register(program: Command, out: Output = stdout, err: Output = stderr): void {
  program
    .command('agreement')
    .description('Agreement among the workers of an answers CSV (item,worker,label)')
    .addOption(new Option('--metric <name>', 'agreement metric').choices(METRICS).makeOptionMandatory())
    .addOption(new Option('--level <level>', "level of measurement (Krippendorff's alpha; Cohen's weights)").choices(LEVELS).default('nominal'))
    .addOption(new Option('--weights <weights>', "Cohen's kappa weights (default from --level)").choices(WEIGHTS))
    .requiredOption('--input <file>', 'answers CSV: item,worker,label with a header (a pool column is optional); a worker answering an item more than once counts with their last answer (with a warning)')
    .option('--json', 'print the value with its details and the breakdown by pool, annotator pair and label')
    .action(async (options: { metric: (typeof METRICS)[number]; level: MeasurementLevel; weights?: KappaWeights; input: string; json?: boolean }) => {
      const read = await readAnswersCsv(options.input);
      // A coder rates a unit once: a worker cannot disagree with themselves, so only their last
      // answer (a correction supersedes what it corrects) counts, for every metric and breakdown.
      const repeated = repeatedAnswersWarning(read, 'agreement counts the last answer of each pair');
      if (repeated) err.write(repeated);
      const kept = lastAnswerPerPair(read.answers);
      const file: AnswerFile = { path: read.path, answers: kept.map((i) => read.answers[i]!), lines: kept.map((i) => read.lines[i]!) };
      const { value, detail } = measure(options.metric, options.level, options.weights, file);
      if (!options.json) {
        out.write(Number.isNaN(value) ? 'undefined (no variation among the labels, or no item with two answers)\n' : `${value.toFixed(6)}\n`);
        return;
      }
      const breakdown = agreementBreakdown(file.answers);
      const json = { metric: options.metric, value: Number.isNaN(value) ? null : value, ...detail, ...breakdown };
      out.write(`${JSON.stringify(json, (_, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2)}\n`);
    });
}
