import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactScenario } from './redact.ts';

test('the redact scenario measures documents per second against the one-regex baseline', async () => {
  const lines: string[] = [];
  const results = await redactScenario.run({ db: 'pglite', databaseUrl: null, items: 300, flags: { seed: '5' }, log: (m) => lines.push(m) });
  const [r] = Array.isArray(results) ? results : [];
  assert.ok(r);
  assert.equal(r.scenario, 'redact');
  assert.equal(r.items, 300);
  assert.ok(r.value > 0 && r.baseline !== null && r.baseline > 0);
  assert.ok(r.ratio !== null && Math.abs(r.ratio * r.baseline - r.value) <= 0.01 * r.value + 1, 'ratio = value / baseline');
  assert.ok(r.p50_ms !== null && r.p99_ms !== null && r.p50_ms <= r.p99_ms);
  assert.ok((r.findings_per_document as number) >= 3, 'the generated texts carry PII');
  assert.ok(Math.abs((r.characters_per_document as number) - 1024) < 200);
  assert.ok(lines.length >= 2);
});
