import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNul, formatPath, nulIssue, showNul, withoutNul } from './nul-characters.ts';

describe('NUL characters', () => {
  it('finds the first string or key holding a NUL, with its path', () => {
    assert.equal(findNul({ a: 'fine', b: [1, null, true, { c: 'also fine' }] }), null);
    assert.deepEqual(findNul({ a: 'fine', b: [1, { c: 'x\u0000' }] }), { path: ['b', 1, 'c'], inKey: false });
    assert.deepEqual(findNul({ meta: { 'k\u0000': 1 } }), { path: ['meta', 'k\u0000'], inKey: true });
    assert.deepEqual(findNul('\u0000'), { path: [], inKey: false });
    // In document order, whatever the nesting.
    assert.deepEqual(findNul([['a', ['\u0000']], '\u0000']), { path: [0, 1, 0], inKey: false });
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(findNul(deep)?.path.length, 100_000);
  });

  it('names a path as the API does, writing a key that holds a NUL (or none) as a JSON string', () => {
    assert.equal(formatPath(['tags', 2]), 'tags[2]');
    assert.equal(formatPath(['metadata', 'a\u0000b', 'c']), 'metadata["a\\u0000b"].c');
    assert.equal(formatPath(['']), '[""]');
    assert.deepEqual(nulIssue({ description: 'bad \u0000 desc' }), { path: 'description', message: 'contains a NUL character' });
    assert.deepEqual(nulIssue({ 'a\u0000': 1 }), { path: '["a\\u0000"]', message: 'the field name contains a NUL character' });
    assert.equal(nulIssue({ fine: ['yes'] }), null);
  });

  it('writes NULs as \\u0000 in what is stored about a failure', () => {
    assert.equal(showNul('a\u0000b\u0000'), 'a\\u0000b\\u0000');
    const record = { message: 'bad "\u0000"', details: { issues: [{ path: 'k\u0000', message: 'x' }] } };
    assert.deepEqual(withoutNul(record), { message: 'bad "\\u0000"', details: { issues: [{ path: 'k\\u0000', message: 'x' }] } });
    assert.equal(findNul(withoutNul({ 'k\u0000': ['\u0000'] })), null);
    const clean = { a: 1 };
    assert.equal(withoutNul(clean), clean, 'a value without NUL is not copied');
  });
});
