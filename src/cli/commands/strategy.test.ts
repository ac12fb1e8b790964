import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import { isDomainError } from '../../core/errors.ts';
import { BURSTY_GENERIC_RARE_CRITICAL } from '../../../test/fixtures/strategy/profiles.ts';
import { HAND_PLAN } from '../../../test/fixtures/strategy/plans.ts';
import { register } from './strategy.ts';

const dir = mkdtempSync(join(tmpdir(), 'atelier-strategy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function run(...args: string[]): Promise<string> {
  let text = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  register(program, { write: (t) => void (text += t) });
  await program.parseAsync(args, { from: 'user' });
  return text;
}

async function failure(...args: string[]): Promise<unknown> {
  try {
    await run(...args);
  } catch (error) {
    return error;
  }
  assert.fail(`expected ${args.join(' ')} to fail`);
}

describe('atelier strategy advise', () => {
  const profile = file('profile.json', BURSTY_GENERIC_RARE_CRITICAL);

  it('prints the advice as JSON', async () => {
    const advice = JSON.parse(await run('strategy', 'advise', '--input', profile, '--json'));
    assert.equal(advice.recommendation, 'hybrid');
    assert.equal(advice.pattern, 'vendors_bulk_experts_hard');
    assert.equal(advice.policy.preset, 'vendors_bulk_experts_hard');
  });

  it('prints readable text with reasons, risks and the policy', async () => {
    const text = await run('strategy', 'advise', '--input', profile);
    assert.match(text, /^Recommendation: hybrid — pattern vendors_bulk_experts_hard/);
    assert.match(text, /volume_per_week = peak 20,000/);
    assert.match(text, /A bursty volume curve outgrows a fixed team/);
    assert.match(text, /1\. edge cases to experts/);
  });

  it('names the field of an invalid profile, and the file of bad JSON', async () => {
    const bad = await failure('strategy', 'advise', '--input', file('bad.json', { critical_share: 2 }));
    assert.ok(isDomainError(bad) && bad.code === 'validation_failed' && /critical_share/.test(bad.message));
    const broken = file('broken.json', '{ "stage": ');
    const notJson = await failure('strategy', 'advise', '--input', broken);
    assert.ok(isDomainError(notJson) && notJson.code === 'validation_failed' && notJson.message.startsWith(`${broken}: not valid JSON`));
    const missing = await failure('strategy', 'advise', '--input', join(dir, 'nope.json'));
    assert.ok(isDomainError(missing) && missing.code === 'not_found');
    assert.ok((await failure('strategy', 'advise')) instanceof CommanderError, '--input is required');
  });
});

describe('atelier strategy simulate', () => {
  const plan = file('plan.json', HAND_PLAN);

  it('prints the simulation as JSON, with the runs and seed asked', async () => {
    const result = JSON.parse(await run('strategy', 'simulate', '--input', plan, '--json', '--runs', '30', '--seed', '4'));
    assert.equal(result.runs, 30);
    assert.equal(result.seed, 4);
    const allInHouse = result.mixes.find((m: { name: string }) => m.name === 'all_in_house');
    assert.equal(allInHouse.completionWeeks.mean, 3.75);
  });

  it('prints a table and a chart of the completion intervals', async () => {
    const text = await run('strategy', 'simulate', '--input', plan, '--runs', '10');
    assert.match(text, /^Simulated 10 runs \(seed 1\) of 3,000 items from 2025-06-02/);
    assert.match(text, /all_in_house\s+3\.8 \[3\.8–3\.8\]/);
    const chartLine = text.split('\n').find((l) => l.startsWith('all_in_house') && l.includes('│'));
    assert.ok(chartLine?.includes('●'), 'chart line with the median');
  });

  it('rejects runs that are not a whole number and plans with bad fields', async () => {
    const runs = await failure('strategy', 'simulate', '--input', plan, '--runs', 'many');
    assert.ok(isDomainError(runs) && runs.code === 'invalid_input' && runs.message.startsWith('--runs'));
    const bad = await failure('strategy', 'simulate', '--input', file('badplan.json', { ...HAND_PLAN, overlap: 0 }));
    assert.ok(isDomainError(bad) && bad.code === 'validation_failed' && /overlap/.test(bad.message));
  });
});

describe('the example inputs in examples/strategy', () => {
  const examples = join(import.meta.dirname, '../../../examples/strategy');

  it('advise and simulate as they are', async () => {
    const advice = JSON.parse(await run('strategy', 'advise', '--input', join(examples, 'profile.json'), '--json'));
    assert.deepEqual(advice.assumptions, []);
    const result = JSON.parse(await run('strategy', 'simulate', '--input', join(examples, 'plan.json'), '--json', '--runs', '20'));
    assert.ok(result.mixes.length >= 6);
    assert.ok(result.mixes.every((m: { finishedShare: number }) => m.finishedShare === 1));
    assert.deepEqual(Object.keys(result.mixes[0].cost), ['EUR'], 'costs converted with the plan’s rates');
  });
});
