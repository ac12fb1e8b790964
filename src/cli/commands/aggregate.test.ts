import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { isDomainError } from '../../core/errors.ts';
import { OpenQuote, register } from './aggregate.ts';

const dir = mkdtempSync(join(tmpdir(), 'atelier-aggregate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const crowd = (path: string): string => new URL(`../../../datasets/crowd/${path}`, import.meta.url).pathname;
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  register(program, { write: (t) => void (out += t) }, { write: (t) => void (err += t) });
  await program.parseAsync(['aggregate', ...args], { from: 'user' });
  return { out, err };
}

async function failure(...args: string[]): Promise<{ code: string; message: string }> {
  try {
    await run(...args);
  } catch (error) {
    assert.ok(isDomainError(error), `not a domain error: ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail(`expected aggregate ${args.join(' ')} to fail`);
}

const rows = (csv: string): string[][] => csv.trim().split('\n').map((l) => l.split(','));

describe('atelier aggregate', () => {
  it('majority vote on the crowd-kit toy: item,label,confidence on standard output', async () => {
    const { out } = await run('--method', 'mv', '--input', crowd('crowdkit_toy/toy_answers.csv'));
    assert.deepEqual(rows(out), [
      ['item', 'label', 'confidence'],
      ['t1', 'no', '0.5'],
      ['t2', 'yes', '0.6'],
      ['t3', 'no', '0.6'],
      ['t4', 'yes', '1'],
      ['t5', 'no', '0.8'],
    ]);
  });

  it('--gold reports accuracy with ties counted as wrong, on standard error while the CSV is on standard output', async () => {
    const gold = crowd('crowdkit_toy/toy_ground_truth_df.csv');
    const mv = await run('--method', 'mv', '--input', crowd('crowdkit_toy/toy_answers.csv'), '--gold', gold);
    assert.match(mv.err, /^accuracy 0\.8000 on 5 gold items \(4 right; ties count as wrong: 1 tied\)/);
    assert.ok(!mv.out.includes('accuracy'));
    const ds = await run('--method', 'ds', '--input', crowd('crowdkit_toy/toy_answers.csv'), '--gold', gold);
    assert.match(ds.err, /^accuracy 1\.0000 on 5 gold items/);
  });

  it('--output writes the file and the accuracy goes to standard output', async () => {
    const output = join(dir, 'rte.csv');
    const { out } = await run('--method', 'ds', '--input', crowd('rte/answers.csv'), '--gold', crowd('rte/gold.csv'), '--output', output);
    assert.match(out, /^wrote 800 items to /);
    const accuracy = Number(/accuracy (\S+)/.exec(out)![1]);
    assert.ok(accuracy > 0.92 && accuracy < 0.94, `${accuracy}`);
    assert.equal(rows(readFileSync(output, 'utf8')).length, 801);
  });

  it('--workers and --confusion write what the method learned of each worker', async () => {
    const workers = join(dir, 'workers.csv');
    const confusion = join(dir, 'confusion.csv');
    const { err } = await run('--method', 'ds', '--input', crowd('crowdkit_toy/toy_answers.csv'), '--workers', workers, '--confusion', confusion);
    assert.match(err, /wrote 5 workers to .*workers\.csv/);
    const skills = rows(readFileSync(workers, 'utf8'));
    assert.deepEqual(skills[0], ['worker', 'answers', 'skill']);
    assert.deepEqual(skills.slice(1).map((r) => [r[0], r[1]]), [['w1', '5'], ['w2', '5'], ['w3', '4'], ['w4', '5'], ['w5', '5']]);
    // w1 answers yes four times of five where the others mostly say no: the least reliable.
    const byName = new Map(skills.slice(1).map((r) => [r[0]!, Number(r[2])]));
    assert.equal([...byName].sort((a, b) => a[1] - b[1])[0]![0], 'w1');
    const cells = rows(readFileSync(confusion, 'utf8'));
    assert.deepEqual(cells[0], ['worker', 'true_label', 'given_label', 'probability']);
    assert.equal(cells.length - 1, 5 * 2 * 2);
    // Each worker's row for a true label is a distribution over the given labels.
    const sums = new Map<string, number>();
    for (const [worker, truth, , p] of cells.slice(1)) sums.set(`${worker} ${truth}`, (sums.get(`${worker} ${truth}`) ?? 0) + Number(p));
    for (const [key, sum] of sums) assert.ok(Math.abs(sum - 1) < 1e-5, `${key} sums to ${sum}`);

    const numbers = join(dir, 'emotion-workers.csv');
    await run('--method', 'median', '--input', crowd('emotion/answers.csv'), '--workers', numbers);
    const numeric = rows(readFileSync(numbers, 'utf8'));
    assert.deepEqual(numeric[0], ['worker', 'answers', 'skill', 'mean_absolute_error', 'bias']);
    assert.equal(numeric.length - 1, 38);

    const noMatrices = await failure('--method', 'mv', '--input', crowd('crowdkit_toy/toy_answers.csv'), '--confusion', confusion);
    assert.equal(noMatrices.code, 'invalid_input');
    assert.match(noMatrices.message, /--confusion: mv does not estimate confusion matrices/);
  });

  it('auto says what it combined; wmv needs gold and says how it keeps the figure honest', async () => {
    const auto = await run('--input', crowd('wsd/answers.csv'), '--gold', crowd('wsd/gold.csv'));
    assert.match(auto.err, /^auto: ensemble weighted by held-out likelihood: /);
    assert.match(auto.err, /accuracy 0\.99/);
    const noGold = await failure('--method', 'wmv', '--input', crowd('wsd/answers.csv'));
    assert.equal(noGold.code, 'invalid_input');
    const wmv = await run('--method', 'wmv', '--input', crowd('wsd/answers.csv'), '--gold', crowd('wsd/gold.csv'));
    assert.match(wmv.err, /5-fold/);
  });

  it('numbers: mean reproduces the published emotion MAE; auto picks the mean for scores', async () => {
    const mean = await run('--method', 'mean', '--input', crowd('emotion/answers.csv'), '--gold', crowd('emotion/gold.csv'));
    const [, mae, rmse] = /^MAE (\S+), RMSE (\S+) on 700 gold items/.exec(mean.err)!;
    assert.equal(Number(mae).toFixed(2), '12.02');
    assert.equal(Number(rmse).toFixed(2), '17.84');
    const auto = await run('--input', crowd('emotion/answers.csv'));
    assert.match(auto.err, /numeric answers, aggregated by their mean/);
    const bad = file('words.csv', 'item,worker,label\na,w1,3\na,w2,high\n');
    const error = await failure('--method', 'median', '--input', bad);
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /line 3: label "high" is not a number/);
  });

  it('a seed breaks ties at random, the same way every time', async () => {
    const input = file('tie.csv', 'item,worker,label\nx,a,p\nx,b,q\n');
    const labels = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const first = (await run('--method', 'mv', '--input', input, '--seed', String(seed))).out;
      assert.equal((await run('--method', 'mv', '--input', input, '--seed', String(seed))).out, first);
      labels.add(rows(first)[1]![1]!);
    }
    assert.deepEqual([...labels].sort(), ['p', 'q']);
  });

  it('malformed input is a data error that names the line at fault', async () => {
    const header = await failure('--input', file('h.csv', 'item,annotator_id,answer\n1,a,x\n'));
    assert.equal(header.code, 'validation_failed');
    assert.match(header.message, /line 1: the header must name the columns item,worker,label; missing worker, label/);
    const fields = await failure('--input', file('f.csv', 'item,worker,label\n1,a,x\n2,b\n'));
    assert.equal(fields.code, 'validation_failed');
    assert.match(fields.message, /line 3: expected 3 fields \(item,worker,label\), found 2/);
    const empty = await failure('--input', file('e.csv', 'item,worker,label\n1,a,x\n\n2,,y\n'));
    assert.equal(empty.code, 'validation_failed');
    assert.match(empty.message, /line 4: worker is empty/);
    const quote = await failure('--input', file('q.csv', 'item,worker,label\n1,a,x\n2,b,"unclosed\n3,c,y\n'));
    assert.equal(quote.code, 'validation_failed');
    assert.match(quote.message, /q\.csv line 3: a quoted field starts here and its closing quote is missing/);
    const closing = await failure('--input', file('c.csv', 'item,worker,label\n1,a,"x"y\n'));
    assert.equal(closing.code, 'validation_failed');
    assert.match(closing.message, /c\.csv line 2: /);
    const nothing = await failure('--input', file('nothing.csv', ''));
    assert.equal(nothing.code, 'validation_failed');
    const onlyHeader = await failure('--input', file('only-header.csv', 'item,worker,label\n'));
    assert.equal(onlyHeader.code, 'validation_failed');
    assert.match(onlyHeader.message, /no answers/);
    const missing = await failure('--input', join(dir, 'nope.csv'));
    assert.equal(missing.code, 'not_found');
    const folder = await failure('--input', dir);
    assert.equal(folder.code, 'not_found', 'a folder opens but cannot be read');
    assert.match(folder.message, /cannot read .*: EISDIR/);
  });

  it('finds where an unclosed quoted field began, past quoted line breaks, escaped quotes and any line endings', () => {
    const startLine = (...chunks: string[]): number | null => {
      const quotes = new OpenQuote();
      for (const chunk of chunks) quotes.feed(Buffer.from(chunk));
      return quotes.startLine;
    };
    assert.equal(startLine('a,b\n"x\ny",z\n'), null, 'every quote closed');
    assert.equal(startLine('a,b\n1,"two\nlines",c\n2,"open\n3,d\n'), 4);
    assert.equal(startLine('a\n"say ""hi\n""', ' then\nmore'), 2, 'escaped quotes, split over chunks, keep the field open');
    assert.equal(startLine('a\r\nb\r\n"c\r\nd'), 3);
    assert.equal(startLine('a\rb\r"c'), 3, 'old Mac line endings');
  });

  it('accepts crowd-kit style headers (task) and extra columns', async () => {
    const { out } = await run('--method', 'mv', '--input', file('task.csv', 'task,worker,label,pool\n1,a,x,vendor\n1,b,x,crowd\n'));
    assert.deepEqual(rows(out)[1], ['1', 'x', '1']);
  });

  it('keeps every answer of a worker who answered an item more than once, and warns naming the lines', async () => {
    const input = file('repeated.csv', 'item,worker,label\na,w,x\na,v,y\nb,w,x\na,w,y\nb,w,x\nc,w,z\nc,w,z\nd,u,x\nd,u,x\n');
    const { out, err } = await run('--method', 'mv', '--input', input);
    assert.deepEqual(rows(out)[1], ['a', 'y', '0.666667'], 'y twice (v, then w) against x once');
    assert.equal(
      err,
      `warning: ${input}: 4 (item, worker) pairs are answered more than once: item a by worker w (lines 2, 5), item b by worker w (lines 4, 6), item c by worker w (lines 7, 8), … and 1 more; all are kept: each answer counts as evidence from its worker\n`,
    );
    const quiet = await run('--method', 'mv', '--input', crowd('crowdkit_toy/toy_answers.csv'));
    assert.equal(quiet.err, '', 'no warning without repeated answers');
  });
});

