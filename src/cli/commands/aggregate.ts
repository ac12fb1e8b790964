/**
 * `atelier aggregate --method NAME --input answers.csv [--gold gold.csv] [--output result.csv]`:
 * one label per item from crowd answers (`item,worker,label` with a header), written as
 * `item,label,confidence`. With `--gold` it also reports accuracy on the gold items, a tie
 * counting as wrong. `--workers` writes what the method learned of each worker (skill, and for
 * numbers error and bias); `--confusion` the confusion matrices of the methods that have them,
 * one row per worker, true label and given label. Any CSV from any tool works; a malformed line
 * is named in the error.
 *
 * The CSV reader of answer files lives here and is shared with `atelier agreement`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { type Command, Option } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { DomainError, validationFailed } from '../../core/errors.ts';
import { type Answer, encodeAnswers } from '../../core/quality/answers.ts';
import { repeatedPairs } from '../../core/quality/repeated-answers.ts';
import { autoAggregate } from '../../core/quality/auto-aggregation.ts';
import type { Consensus } from '../../core/quality/consensus.ts';
import { dawidSkene } from '../../core/quality/dawid-skene.ts';
import { glad } from '../../core/quality/glad.ts';
import { numericError, scoreAgainstGold } from '../../core/quality/gold-score.ts';
import { mace } from '../../core/quality/mace.ts';
import { majorityVote } from '../../core/quality/majority-vote.ts';
import { type NumericMethod, aggregateNumbers } from '../../core/quality/numeric-aggregation.ts';
import { oneCoinDawidSkene } from '../../core/quality/one-coin-dawid-skene.ts';
import { type Random, seededRandom } from '../../core/quality/seeded-random.ts';
import { wawa } from '../../core/quality/wawa.ts';
import { crossFittedWeightedVote } from '../../core/quality/weighted-majority-vote.ts';
import { progressBar } from '../runtime.ts';

export interface Output {
  write(text: string): void;
}

const stdout: Output = { write: (text) => void process.stdout.write(text) };
const stderr: Output = { write: (text) => void process.stderr.write(text) };

export const METHODS = ['mv', 'wmv', 'ds', 'one-coin', 'glad', 'mace', 'wawa', 'mean', 'median', 'robust', 'auto'] as const;
export type MethodName = (typeof METHODS)[number];

/** Answers read from a CSV file, with the line each came from (1 = the header). */
export interface AnswerFile {
  path: string;
  answers: Answer[];
  lines: number[];
}

const ALIASES: Record<string, string> = { task: 'item', annotator: 'worker', performer: 'worker' };

/** A malformed answers file: the same data error (exit 65) whatever is wrong in it. */
function malformed(path: string, line: number | null, message: string): DomainError {
  const at = line === null ? path : `${path} line ${line}`;
  return validationFailed([{ path: line === null ? path : `line ${line}`, message }], `${at}: ${message}`);
}

/**
 * The line where a quoted field that is still open began. csv-parse reports an unclosed quote at
 * the line it gave up on, the end of the file, which is not the line to mend. Only quotes start
 * or end quoting: a quote inside an unquoted field is an error csv-parse reports first.
 */
export class OpenQuote {
  private line = 1;
  private quoting = false;
  private openedAt = 1;
  /** The last byte closed a quote: a quote right after it is an escaped quote (`""`), not a new field. */
  private justClosed = false;
  private afterCr = false;

  feed(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === 0x22) {
        if (this.quoting) this.justClosed = true;
        else if (!this.justClosed) this.openedAt = this.line;
        this.quoting = !this.quoting;
      } else this.justClosed = false;
      // \n, \r\n and a lone \r each end one line.
      if (byte === 0x0a && !this.afterCr) this.line++;
      if (byte === 0x0d) this.line++;
      this.afterCr = byte === 0x0d;
    }
  }

  /** Where the field still open began, or null when every quote was closed. */
  get startLine(): number | null {
    return this.quoting ? this.openedAt : null;
  }
}

/** Why a file cannot be read: a missing or unreadable input file (EX_NOINPUT) either way. */
const unreadable = (path: string, error: NodeJS.ErrnoException): DomainError => new DomainError('not_found', `cannot read ${path}: ${error.code ?? error.message}`);

/**
 * Streams a CSV file with a header naming at least `required` columns (`task` is accepted for
 * `item`, `annotator` for `worker`) and yields each row with its line number.
 */
async function* csvRows(path: string, required: readonly string[]): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  const input = createReadStream(path);
  await once(input, 'open').catch((error: NodeJS.ErrnoException) => {
    throw unreadable(path, error);
  });
  const quotes = new OpenQuote();
  input.on('data', (chunk) => quotes.feed(chunk as Buffer));
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  // A pipe does not pass on its source's errors (a directory opens, then fails to read).
  input.on('error', (error) => parser.destroy(unreadable(path, error)));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.toLowerCase()).map((h) => ALIASES[h] ?? h);
        const missing = required.filter((c) => !header!.includes(c));
        if (missing.length > 0) throw malformed(path, info.lines, `the header must name the columns ${required.join(',')}; missing ${missing.join(', ')}`);
        continue;
      }
      if (record.length !== header.length) {
        throw malformed(path, info.lines, `expected ${header.length} fields (${header.join(',')}), found ${record.length}`);
      }
      const row: Record<string, string> = {};
      header.forEach((name, i) => (row[name] = record[i]!));
      for (const column of required) {
        if (row[column] === '') throw malformed(path, info.lines, `${column} is empty`);
      }
      yield { row, line: info.lines };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const parseError = error as Error & { code?: string; lines?: number };
    if (parseError.code === 'CSV_QUOTE_NOT_CLOSED' && quotes.startLine !== null) {
      throw malformed(path, quotes.startLine, 'a quoted field starts here and its closing quote is missing');
    }
    throw malformed(path, parseError.lines ?? null, parseError.message);
  } finally {
    input.destroy();
  }
  if (!header) throw malformed(path, null, `the file is empty: expected a header line ${required.join(',')}`);
}

export async function readAnswersCsv(path: string): Promise<AnswerFile> {
  const answers: Answer[] = [];
  const lines: number[] = [];
  for await (const { row, line } of csvRows(path, ['item', 'worker', 'label'])) {
    const answer: Answer = { item: row.item!, worker: row.worker!, label: row.label! };
    if (row.pool) answer.pool = row.pool;
    answers.push(answer);
    lines.push(line);
  }
  if (answers.length === 0) throw malformed(path, null, 'the file has a header but no answers');
  return { path, answers, lines };
}

export async function readGoldCsv(path: string): Promise<Map<string, string>> {
  const gold = new Map<string, string>();
  for await (const { row, line } of csvRows(path, ['item', 'label'])) {
    const previous = gold.get(row.item!);
    if (previous !== undefined && previous !== row.label) {
      throw malformed(path, line, `item ${row.item} already has the gold label ${previous}`);
    }
    gold.set(row.item!, row.label!);
  }
  return gold;
}

/**
 * A warning naming the (item, worker) pairs answered more than once, the first few with their
 * lines, and `treatment`: what the command does with them. Null when there are none. Such answers
 * are legitimate in crowd exports, so they are reported, never refused.
 */
export function repeatedAnswersWarning(file: AnswerFile, treatment: string): string | null {
  const pairs = repeatedPairs(file.answers);
  if (pairs.length === 0) return null;
  const shown = pairs.slice(0, 3).map((p) => `item ${p.item} by worker ${p.worker} (lines ${p.answers.map((a) => file.lines[a]).join(', ')})`);
  const more = pairs.length > shown.length ? `, … and ${pairs.length - shown.length} more` : '';
  const count = pairs.length === 1 ? '1 (item, worker) pair is' : `${pairs.length} (item, worker) pairs are`;
  return `warning: ${file.path}: ${count} answered more than once: ${shown.join(', ')}${more}; ${treatment}\n`;
}

/** The labels as numbers, or the line of the first one that is not a number. */
export function numericLabels(file: AnswerFile): number[] {
  return file.answers.map((a, i) => {
    const value = Number(a.label);
    if (a.label.trim() === '' || !Number.isFinite(value)) {
      throw new DomainError('validation_failed', `${file.path} line ${file.lines[i]}: label "${a.label}" is not a number`, {
        issues: [{ path: `line ${file.lines[i]}.label`, message: 'not a number' }],
      });
    }
    return value;
  });
}

/** Numbers with many distinct values are scores to average, not classes to vote on. */
function looksNumeric(answers: readonly Answer[]): boolean {
  const distinct = new Set(answers.map((a) => a.label));
  return distinct.size > 10 && [...distinct].every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
}

/** A CSV to write: its header and its rows. */
interface Table {
  columns: string[];
  rows: (string | number)[][];
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Answers from which `auto` takes long enough (seconds) to show its progress. */
const LONG_AUTO = 20_000;

function categorical(method: MethodName, file: AnswerFile, gold: Map<string, string> | null, random?: Random, note?: Output): Consensus {
  const data = encodeAnswers(file.answers);
  switch (method) {
    case 'mv':
      return majorityVote(data, { random });
    case 'wawa':
      return wawa(data, { random });
    case 'wmv':
      if (!gold) throw new DomainError('invalid_input', '--method wmv weights workers by their accuracy on gold items: give --gold');
      note?.write('wmv: each gold item is labelled with weights learned from the other gold items (5-fold), so its accuracy is not flattered\n');
      return crossFittedWeightedVote(data, gold, { random });
    case 'ds':
      return dawidSkene(data, { random });
    case 'one-coin':
      return oneCoinDawidSkene(data, { random });
    case 'glad':
      return glad(data, { random });
    case 'mace':
      return mace(data, { random });
    default: {
      // Dozens of model fits: past a few seconds' worth of answers, show how far they are.
      const bar = data.item.length >= LONG_AUTO ? progressBar('auto') : null;
      const result = autoAggregate(data, { random, ...(bar && { onProgress: (done, total, phase) => bar.update(done, total, phase) }) });
      bar?.stop();
      const mix = result.ensemble.filter((c) => c.weight >= 0.01).map((c) => `${c.method} ${c.weight.toFixed(2)}`);
      note?.write(`auto: ensemble weighted by held-out likelihood: ${mix.join(', ')}\n`);
      return result;
    }
  }
}

const ITEM_COLUMNS = ['item', 'label', 'confidence'];
/** The methods whose workers carry a confusion matrix. */
const CONFUSION_METHODS: readonly MethodName[] = ['ds'];

/** One row per worker, true label and given label: P(given | true). */
function confusionTable(result: Consensus): Table {
  const rows: Table['rows'] = [];
  for (const w of result.workers) {
    w.confusion?.forEach((row, t) => row.forEach((p, g) => rows.push([w.worker, result.classes[t]!, result.classes[g]!, round(p)])));
  }
  return { columns: ['worker', 'true_label', 'given_label', 'probability'], rows };
}

const toCsv = (table: Table): string => stringify(table.rows, { header: true, columns: table.columns });

async function writeCsv(path: string, table: Table): Promise<void> {
  const stream = createWriteStream(path);
  const failed = once(stream, 'error').then(([error]) => {
    throw new DomainError('invalid_input', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  });
  stream.end(toCsv(table));
  await Promise.race([once(stream, 'finish'), failed]);
}

export function register(program: Command, out: Output = stdout, err: Output = stderr): void {
  program
    .command('aggregate')
    .description('One label per item from crowd answers (item,worker,label), with a confidence')
    .addOption(new Option('--method <name>', 'aggregation method').choices(METHODS).default('auto'))
    .requiredOption('--input <file>', 'answers CSV: item,worker,label with a header; several answers of one worker on one item all count (with a warning)')
    .option('--gold <file>', 'gold CSV (item,label): report accuracy on these items, ties counting as wrong')
    .option('--output <file>', 'write item,label,confidence here instead of standard output')
    .option('--workers <file>', 'write worker,answers,skill here (numbers: also mean_absolute_error,bias)')
    .option('--confusion <file>', 'write worker,true_label,given_label,probability here (methods with confusion matrices: ds)')
    .option('--seed <n>', 'break ties at random with this seed (default: first label in order)')
    .action(async (options: { method: MethodName; input: string; gold?: string; output?: string; workers?: string; confusion?: string; seed?: string }) => {
      if (options.seed !== undefined && !/^\d+$/.test(options.seed)) {
        throw new DomainError('invalid_input', `--seed: expected a whole number, got "${options.seed}"`);
      }
      if (options.confusion && !CONFUSION_METHODS.includes(options.method)) {
        throw new DomainError('invalid_input', `--confusion: ${options.method} does not estimate confusion matrices; ${CONFUSION_METHODS.join(', ')} does`);
      }
      const random = options.seed === undefined ? undefined : seededRandom(Number(options.seed));
      const file = await readAnswersCsv(options.input);
      const repeated = repeatedAnswersWarning(file, 'all are kept: each answer counts as evidence from its worker');
      if (repeated) err.write(repeated);
      const gold = options.gold ? await readGoldCsv(options.gold) : null;
      // With the CSV on standard output, messages go to standard error so the CSV stays clean.
      const report = options.output ? out : err;
      const numericMethod = ['mean', 'median', 'robust'].includes(options.method) || (options.method === 'auto' && looksNumeric(file.answers));

      let items: Table;
      let workers: Table;
      let confusion: Table | null = null;
      let summary: string | null = null;
      if (numericMethod) {
        const method: NumericMethod = options.method === 'auto' ? 'mean' : (options.method as NumericMethod);
        if (options.method === 'auto') report.write('auto: numeric answers, aggregated by their mean\n');
        const values = numericLabels(file);
        const result = aggregateNumbers(file.answers.map((a, i) => ({ item: a.item, worker: a.worker, value: values[i]! })), method);
        items = { columns: ITEM_COLUMNS, rows: result.items.map((it) => [it.item, String(round(it.value)), round(it.confidence)]) };
        workers = {
          columns: ['worker', 'answers', 'skill', 'mean_absolute_error', 'bias'],
          rows: result.workers.map((w) => [w.worker, w.answers, round(w.skill), round(w.meanAbsoluteError), round(w.bias)]),
        };
        if (gold) {
          const truth = new Map<string, number>();
          for (const [item, label] of gold) {
            const value = Number(label);
            if (!Number.isFinite(value)) throw new DomainError('validation_failed', `${options.gold}: gold label "${label}" of item ${item} is not a number`);
            truth.set(item, value);
          }
          const e = numericError(result.items, truth);
          summary = `MAE ${e.meanAbsoluteError.toFixed(4)}, RMSE ${e.rootMeanSquaredError.toFixed(4)} on ${e.scored} gold items\n`;
        }
      } else {
        const result = categorical(options.method, file, gold, random, report);
        items = { columns: ITEM_COLUMNS, rows: result.items.map((it) => [it.item, it.label, round(it.confidence)]) };
        workers = { columns: ['worker', 'answers', 'skill'], rows: result.workers.map((w) => [w.worker, w.answers, round(w.skill)]) };
        if (options.confusion) confusion = confusionTable(result);
        if (gold) {
          const s = scoreAgainstGold(result, gold);
          summary =
            `accuracy ${s.accuracy.toFixed(4)} on ${s.scored} gold items (${s.correct} right; ties count as wrong: ${s.tiedItems} tied)` +
            (s.unanswered > 0 ? `; ${s.unanswered} gold items have no answers and are not counted` : '') +
            '\n';
        }
      }

      if (options.output) {
        await writeCsv(options.output, items);
        out.write(`wrote ${items.rows.length} items to ${options.output}\n`);
      } else out.write(toCsv(items));
      if (options.workers) {
        await writeCsv(options.workers, workers);
        report.write(`wrote ${workers.rows.length} workers to ${options.workers}\n`);
      }
      if (options.confusion && confusion) {
        await writeCsv(options.confusion, confusion);
        report.write(`wrote the confusion matrices of ${workers.rows.length} workers to ${options.confusion}\n`);
      }
      if (summary) report.write(summary);
    });
}
