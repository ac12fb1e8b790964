import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BenchResult } from '../types.ts';
import { aggregationScenario, bestPublished, generateAnswers } from './aggregation.ts';

test('the aggregation scenario reports each method on each set beside the published figures', async () => {
  const logs: string[] = [];
  const results = (await aggregationScenario.run({
    db: 'pglite', databaseUrl: null, items: 20_000, flags: { sets: 'wsd,emotion', methods: 'mv,ds,mean,auto' }, log: (m) => logs.push(m),
  })) as BenchResult[];
  const wsd = results.filter((r) => r.dataset === 'wsd' && r.unit === 'accuracy');
  assert.deepEqual(wsd.map((r) => r.method), ['mv', 'ds', 'auto']);
  for (const r of wsd) {
    assert.equal(r.unit, 'accuracy');
    assert.equal(r.baseline, 0.9944);
    assert.ok(r.value > 0.99 && typeof r.ms === 'number');
  }
  const emotion = results.filter((r) => r.dataset === 'emotion');
  assert.equal(emotion.find((r) => r.method === 'mean')!.value, 12.022);
  assert.equal(emotion[0]!.unit, 'MAE');
  const versus = results.filter((r) => typeof r.versus === 'string');
  assert.ok(versus.some((r) => r.versus === 'our ds' && r.dataset === 'wsd'));
  const large = results.find((r) => String(r.dataset).startsWith('generated'))!;
  assert.equal(large.items, 20_000);
  assert.ok((large.accuracy as number) > 0.9);
  assert.ok(logs.length > 0);
});

test('best published figure: the literature where it exists, the README reference run otherwise', () => {
  assert.equal(bestPublished('rte').value, 0.93125);
  assert.equal(bestPublished('web').method, 'BWA');
  assert.equal(bestPublished('temp').source, 'README reference run');
});

test('generated answers: the requested size and class count, reproducible by seed', () => {
  const a = generateAnswers(5000, 10, 3);
  assert.equal(a.data.item.length, 5000);
  assert.equal(a.data.classes.length, 10);
  assert.deepEqual(generateAnswers(5000, 10, 3).data.label, a.data.label);
});
