import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { isDomainError } from '../../core/errors.ts';
import { register } from './agreement.ts';

const dir = mkdtempSync(join(tmpdir(), 'atelier-agreement-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const toy = new URL('../../../datasets/crowd/crowdkit_toy/toy_answers.csv', import.meta.url).pathname;
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function runBoth(...args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  register(program, { write: (t) => void (out += t) }, { write: (t) => void (err += t) });
  await program.parseAsync(['agreement', ...args], { from: 'user' });
  return { out, err };
}

const run = async (...args: string[]): Promise<string> => (await runBoth(...args)).out;

async function failure(...args: string[]): Promise<{ code: string; message: string }> {
  try {
    await run(...args);
  } catch (error) {
    assert.ok(isDomainError(error), `not a domain error: ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail(`expected agreement ${args.join(' ')} to fail`);
}

// agreement_examples.md §1 in long form: Krippendorff (2011), 4 observers, missing data.
const krippendorff2011 = (() => {
  const coders = {
    A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  };
  const lines = ['item,worker,label'];
  for (const [coder, values] of Object.entries(coders)) values.forEach((v, u) => v !== null && lines.push(`u${u + 1},${coder},${v}`));
  return `${lines.join('\n')}\n`;
})();

describe('atelier agreement', () => {
  it("prints Krippendorff's alpha at each level (published values)", async () => {
    const input = file('k2011.csv', krippendorff2011);
    assert.equal(await run('--metric', 'krippendorff', '--input', input), '0.743421\n');
    assert.match(await run('--metric', 'krippendorff', '--level', 'ordinal', '--input', input), /^0\.815/);
    assert.match(await run('--metric', 'krippendorff', '--level', 'interval', '--input', input), /^0\.849/);
    assert.match(await run('--metric', 'krippendorff', '--level', 'ratio', '--input', input), /^0\.797/);
    assert.equal(await run('--metric', 'krippendorff', '--input', toy), '0.142191\n');
  });

  it("Cohen's kappa for two workers, weights from the level or given", async () => {
    const y1 = [...Array(46).fill(0), ...Array(44).fill(1), ...Array(10).fill(2)];
    const y2 = [...Array(50).fill(0), ...Array(40).fill(1), ...Array(10).fill(2)];
    const lines = ['item,worker,label', ...y1.map((v, i) => `${i},a,${v}`), ...y2.map((v, i) => `${i},b,${v}`)];
    const input = file('two.csv', `${lines.join('\n')}\n`);
    const kappa = async (...args: string[]): Promise<string> => Number(await run('--metric', 'cohen', ...args, '--input', input)).toFixed(4);
    assert.equal(await kappa(), '0.9315');
    assert.equal(await kappa('--level', 'ordinal'), '0.9412');
    assert.equal(await kappa('--weights', 'quadratic'), '0.9541');
  });

  it('Fleiss, percent, and Cohen averaged over pairs for more than two workers (JSON)', async () => {
    assert.equal(Number(await run('--metric', 'percent', '--input', toy)).toFixed(4), ((2 / 6 + 4 / 10 + 4 / 10 + 1 + 6 / 10) / 5).toFixed(4));
    const fleiss = Number(await run('--metric', 'fleiss', '--input', toy));
    assert.ok(fleiss > -1 && fleiss < 1);
    const json = JSON.parse(await run('--metric', 'cohen', '--input', toy, '--json'));
    assert.equal(json.averaged, 'mean over pairs (Light)');
    assert.equal(json.workers, 5);
    assert.equal(json.project.answers, 24);
    assert.ok(Array.isArray(json.byPair) && Array.isArray(json.byLabel));
  });

  it('input errors: a level that does not apply, a label that is not a number, a malformed line', async () => {
    const level = await failure('--metric', 'fleiss', '--level', 'ordinal', '--input', toy);
    assert.equal(level.code, 'invalid_input');
    const words = await failure('--metric', 'krippendorff', '--level', 'interval', '--input', toy);
    assert.equal(words.code, 'validation_failed');
    assert.match(words.message, /line 2: label "no" is not a number/);
    const broken = await failure('--metric', 'percent', '--input', file('broken.csv', 'item,worker,label\na,b,c,d\n'));
    assert.equal(broken.code, 'validation_failed');
    assert.match(broken.message, /line 2: expected 3 fields/);
    // The same data error as `atelier aggregate` gives for the same file.
    const header = await failure('--metric', 'percent', '--input', file('header.csv', 'item,coder,label\na,b,c\n'));
    assert.equal(header.code, 'validation_failed');
    const quote = await failure('--metric', 'percent', '--input', file('quote.csv', 'item,worker,label\na,w,x\nb,w,"y\nc,v,z\n'));
    assert.equal(quote.code, 'validation_failed');
    assert.match(quote.message, /quote\.csv line 3: a quoted field starts here/);
    const one = await failure('--metric', 'cohen', '--input', file('one.csv', 'item,worker,label\na,w,x\nb,w,y\n'));
    assert.match(one.message, /two workers/);
  });

  it('counts one answer per (item, worker), the last, and says so on standard error', async () => {
    // Worker w answers item a with x, then (line 6) with y: only y counts, so every item is unanimous.
    const input = file('repeated.csv', 'item,worker,label\na,w,x\na,v,y\nb,w,x\nb,v,x\na,w,y\nc,w,z\nc,v,z\n');
    for (const metric of ['percent', 'fleiss', 'krippendorff', 'cohen']) {
      const { out, err } = await runBoth('--metric', metric, '--input', input);
      assert.equal(out, '1.000000\n', metric);
      assert.equal(err, `warning: ${input}: 1 (item, worker) pair is answered more than once: item a by worker w (lines 2, 6); agreement counts the last answer of each pair\n`);
    }
    assert.equal(JSON.parse(await run('--metric', 'percent', '--json', '--input', input)).project.answers, 6, 'the breakdown counts the same answers');
    // One worker answering one item twice is not a disagreement: there is nothing to measure.
    const alone = await runBoth('--metric', 'fleiss', '--input', file('alone.csv', 'item,worker,label\na,w,x\na,w,y\n'));
    assert.match(alone.out, /^undefined/);
    assert.equal((await runBoth('--metric', 'percent', '--input', toy)).err, '', 'no warning without repeated answers');
  });
});
