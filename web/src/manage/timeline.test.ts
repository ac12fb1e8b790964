import assert from 'node:assert/strict';
import { it } from 'node:test';
import { everyDay } from './timeline.ts';

it('fills the days without work with zeros, oldest first, ending today', () => {
  const filled = everyDay([{ day: '2026-03-01', annotations: 5, items: 4 }], 4, '2026-03-02');
  assert.deepEqual(filled, [
    { day: '2026-02-27', annotations: 0, items: 0 },
    { day: '2026-02-28', annotations: 0, items: 0 },
    { day: '2026-03-01', annotations: 5, items: 4 },
    { day: '2026-03-02', annotations: 0, items: 0 },
  ]);
});
