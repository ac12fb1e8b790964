import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isDomainError } from './errors.ts';
import { checkLabelFilter } from './export-filters.ts';
import type { LabelSchema } from './label-schema.ts';

const schema = (...names: string[]): LabelSchema => ({ controls: [{ name: 'kind', kind: 'single_choice', labels: names.map((name) => ({ name, color: '#000000' })) }] });

const refusal = (fn: () => void): { path: string; message: string } => {
  try {
    fn();
  } catch (error) {
    assert.ok(isDomainError(error) && error.code === 'validation_failed', String(error));
    return (error.details as { issues: { path: string; message: string }[] }).issues[0]!;
  }
  assert.fail('expected the label filter to be refused');
};

it('takes the labels of any schema version, and no label filter at all', () => {
  checkLabelFilter(['cat', 'retired'], [schema('retired', 'cat'), schema('cat', 'dog')]);
  checkLabelFilter(undefined, []);
  checkLabelFilter([], [schema('cat')]);
});

it('names the labels the project does not have and the ones it has, once each', () => {
  assert.deepEqual(refusal(() => checkLabelFilter(['Cat', 'cat', 'bird'], [schema('cat', 'dog'), schema('cat')])), {
    path: 'filters.labels',
    message: 'the project has no labels "Cat", "bird" (its labels: cat, dog)',
  });
  assert.match(refusal(() => checkLabelFilter(['x'], [], 'filter.labels')).message, /no label "x" \(it has none\)/);
  const many = schema(...Array.from({ length: 60 }, (_, i) => `l${i}`));
  assert.match(refusal(() => checkLabelFilter(['x'], [many])).message, /l49, … \(10 more\)\)$/);
});
