import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitsFromBase64, bitsToBase64, bloomFilter, buildBloomFilter } from './bloom-filter.ts';

test('a Bloom filter holds every key it was built from, and few others, at the rate asked for', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `word${i}`);
  const built = buildBloomFilter(keys, 0.01);
  const filter = bloomFilter(bitsFromBase64(bitsToBase64(built.bits)), built.hashCount);
  assert.ok(keys.every((k) => filter.has(k)), 'no false "certainly not"');
  const others = Array.from({ length: 20_000 }, (_, i) => `other${i}`);
  const wrong = others.filter((k) => filter.has(k)).length / others.length;
  assert.ok(wrong > 0.002 && wrong < 0.02, `false positive rate ${wrong}`);
});
