import assert from 'node:assert/strict';
import { it } from 'node:test';
import { authorOf, authorsOf, ownWork } from './annotation-author.ts';

const names = new Map([[7, 'Ada']]);

it('says an imported label is imported, with its annotator when this Atelier knows them', () => {
  assert.equal(authorOf({ annotatorId: 7, source: 'human' }, names), 'Ada');
  assert.equal(authorOf({ annotatorId: 7, source: 'import' }, names), 'Ada (imported)');
  assert.equal(authorOf({ annotatorId: null, source: 'import' }, names), 'Imported label');
  assert.equal(authorOf({ annotatorId: 9, source: 'human' }, names), 'user 9');
  assert.equal(authorOf({ annotatorId: null, source: 'human' }, names), 'former user');
});

it('lists the authors of a queue entry once each, imported labels too', () => {
  const entry = {
    annotations: [{ annotatorId: null, source: 'import' as const }, { annotatorId: 7, source: 'human' as const }, { annotatorId: null, source: 'import' as const }],
    annotators: [{ id: 7, name: 'Ada' }],
  };
  assert.equal(authorsOf(entry), 'Imported label, Ada');
});

it("marks the reviewer's own work, a correction or an annotation, and nobody else's", () => {
  assert.equal(ownWork({ annotatorId: 3, supersedesId: 589 }, 3), 'correction');
  assert.equal(ownWork({ annotatorId: 3, supersedesId: null }, 3), 'annotation');
  assert.equal(ownWork({ annotatorId: 5, supersedesId: null }, 3), null);
  assert.equal(ownWork({ annotatorId: null, supersedesId: null }, 3), null);
});
