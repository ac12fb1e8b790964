import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Answer } from './answers.ts';
import { observedConfusion, type SettledLabel } from './observed-confusion.ts';

const labels = ['day', 'dusk', 'night'];

it('counts what each annotator answered against the settled label, with no error they did not make', () => {
  // Ana and Ines on five items: they agree on four, the consensus settled them; the fifth waits for the experts.
  const answers: Answer[] = [];
  const both = (item: string, ana: string, ines: string) => answers.push({ item, worker: 'Ana', label: ana }, { item, worker: 'Ines', label: ines });
  both('1', 'day', 'day');
  both('2', 'dusk', 'dusk');
  both('3', 'dusk', 'dusk');
  both('4', 'night', 'night');
  both('5', 'dusk', 'night');
  const settled = new Map<string, SettledLabel>([
    ['1', { label: 'day', known: false }],
    ['2', { label: 'dusk', known: false }],
    ['3', { label: 'dusk', known: false }],
    ['4', { label: 'night', known: false }],
  ]);
  const [ana, ines] = observedConfusion(answers, settled, labels).sort((a, b) => (a.worker < b.worker ? -1 : 1));
  assert.deepEqual(ana, {
    worker: 'Ana', answers: 4, agreed: 4, unsettled: 1,
    counts: [
      [1, 0, 0],
      [0, 2, 0],
      [0, 0, 1],
    ],
  });
  assert.deepEqual(ines!.counts, ana!.counts);
});

it('counts a disagreement with a known answer in its cell, and leaves out an item one annotator answered alone', () => {
  const answers: Answer[] = [
    { item: '1', worker: 'Ana', label: 'dusk' },
    { item: '1', worker: 'Bob', label: 'day' },
    // Bob alone, accepted on his own word: it agrees with itself.
    { item: '2', worker: 'Bob', label: 'night' },
    // Ana alone, but an expert settled it: a true comparison.
    { item: '3', worker: 'Ana', label: 'night' },
  ];
  const settled = new Map<string, SettledLabel>([
    ['1', { label: 'day', known: false }],
    ['2', { label: 'night', known: false }],
    ['3', { label: 'dusk', known: true }],
  ]);
  const result = observedConfusion(answers, settled, labels);
  assert.deepEqual(result.map((w) => w.worker), ['Ana', 'Bob'], 'the one agreeing least first');
  assert.deepEqual(result[0], { worker: 'Ana', answers: 2, agreed: 0, unsettled: 0, counts: [[0, 1, 0], [0, 0, 1], [0, 0, 0]] });
  assert.deepEqual(result[1], { worker: 'Bob', answers: 1, agreed: 1, unsettled: 0, counts: [[1, 0, 0], [0, 0, 0], [0, 0, 0]] });
  assert.throws(() => observedConfusion(answers, new Map([['1', { label: 'fog', known: true }]]), labels), /"fog" is not one of the labels/);
});
