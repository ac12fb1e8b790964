import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../core/errors.ts';
import { checkPolicy } from './set-routing-policy.ts';

describe('checkPolicy', () => {
  it('refuses a NUL character anywhere in a policy (a --policy file reaches it past the API), naming where', () => {
    const policy = { rules: [{ name: 'bulk\u0000', when: {}, to: [{ pool: 'acme', weight: 1 }] }] };
    assert.throws(() => checkPolicy(policy, new Set(['acme'])), (error) => {
      assert.ok(isDomainError(error) && error.code === 'validation_failed');
      assert.equal(error.message, 'rules[0].name: contains a NUL character');
      return true;
    });
    assert.doesNotThrow(() => checkPolicy({ rules: [{ name: 'bulk', when: {}, to: [{ pool: 'acme', weight: 1 }] }] }, new Set(['acme'])));
  });
});
