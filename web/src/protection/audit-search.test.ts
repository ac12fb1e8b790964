import assert from 'node:assert/strict';
import { it } from 'node:test';
import { auditQueryString, NO_FILTERS } from './audit-search.ts';

it('sends only the filters that are filled, trimmed, with the page size and the cursor', () => {
  assert.equal(auditQueryString(NO_FILTERS, 50, null), 'limit=50');
  assert.equal(auditQueryString({ ...NO_FILTERS, actor: ' manager@demo.local ', action: 'auth.' }, 100, 27), 'actor=manager%40demo.local&action=auth.&limit=100&cursor=27');
});
