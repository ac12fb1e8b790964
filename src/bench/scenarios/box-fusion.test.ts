import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BenchResult } from '../types.ts';
import { boxFusionScenario, loadPedestrians, scoreBoxes } from './box-fusion.ts';

test('pedestrian data: 1,448 crowd images of 7 workers, 938 with expert boxes (1,218)', () => {
  const { crowd, expert } = loadPedestrians();
  assert.equal(crowd.size, 1448);
  assert.ok([...crowd.values()].every((a) => a.length === 7));
  assert.equal(expert.size, 938);
  assert.equal([...expert.values()].reduce((s, b) => s + b.length, 0), 1218);
  // The experts against themselves: perfect.
  assert.deepEqual(scoreBoxes(expert, expert), { precision: 1, recall: 1, f1: 1, predicted: 1218, expected: 1218 });
});

test('the scenario reports precision and recall of each method against the majority baseline', async () => {
  const results = (await boxFusionScenario.run({ db: 'pglite', databaseUrl: null, items: undefined, flags: {}, log: () => {} })) as BenchResult[];
  assert.equal(results.length, 6);
  const majority = results.filter((r) => r.method === 'majority');
  assert.ok(majority.every((r) => r.ratio === 1 && r.value === r.baseline));
  for (const r of results) {
    assert.ok(r.value > 0.7 && r.value <= 1, `${r.method} ${r.unit} ${r.value}`);
    assert.ok(Math.abs((r.ratio as number) - r.value / (r.baseline as number)) < 1e-3);
  }
});
