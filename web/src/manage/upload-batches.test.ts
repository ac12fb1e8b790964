import assert from 'node:assert/strict';
import { it } from 'node:test';
import { batchFiles, overallProgress } from './upload-batches.ts';

it('cuts batches by count and by bytes, and never leaves a file out or alone by mistake', () => {
  const files = [5, 5, 5, 20, 1, 1].map((size, i) => ({ size, i }));
  const batches = batchFiles(files, 2, 12);
  assert.deepEqual(batches.map((b) => b.map((f) => f.i)), [[0, 1], [2], [3], [4, 5]]);
  assert.deepEqual(batchFiles([], 2, 10), []);
});

it('computes overall progress across batches', () => {
  assert.equal(overallProgress(50, 50, 0.5, 100), 0.75);
  assert.equal(overallProgress(0, 0, 0, 0), 1);
});
