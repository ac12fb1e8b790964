import assert from 'node:assert/strict';
import { it } from 'node:test';
import { badIdParam } from './route-ids.ts';

it('refuses ids that are not positive whole numbers before any page asks the API with NaN', () => {
  assert.equal(badIdParam({ projectId: '12' }), null);
  assert.equal(badIdParam({}), null);
  assert.deepEqual(badIdParam({ projectId: 'abc' }), { what: 'project', value: 'abc' });
  for (const value of ['0', '-1', '1.5', '1e3', ' 2', '', '99999999999999999999']) assert.notEqual(badIdParam({ projectId: value }), null, value);
  assert.deepEqual(badIdParam({ poolId: 'x' }), { what: 'pool', value: 'x' });
});
