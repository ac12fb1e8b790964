import assert from 'node:assert/strict';
import { it } from 'node:test';
import { areasOf, canOpen, homeOf } from './roles.ts';

it('opens each role its screens only, and sends a role without screens to the no-access page', () => {
  assert.equal(homeOf('annotator'), '/work');
  assert.equal(homeOf('manager'), '/projects');
  assert.equal(canOpen('annotator', 'projects'), false);
  assert.equal(canOpen('reviewer', 'review'), true);
  assert.equal(canOpen('annotator', 'review'), false);
  assert.deepEqual(areasOf('auditor'), []);
  assert.equal(homeOf('auditor'), '/no-access');
});
