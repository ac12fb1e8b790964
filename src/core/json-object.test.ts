import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonObjectSchema } from './json-object.ts';

test('a JSON object keeps an own __proto__ key through validation', () => {
  const parsed = jsonObjectSchema.parse(JSON.parse('{"__proto__": [1], "camera": "front"}'));
  assert.deepEqual(Object.keys(parsed), ['__proto__', 'camera']);
  assert.equal(JSON.stringify(parsed), '{"__proto__":[1],"camera":"front"}');
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
});

test('arrays, null and scalars are not objects', () => {
  for (const value of [[1], null, 'x', 3, true]) assert.equal(jsonObjectSchema.safeParse(value).success, false, JSON.stringify(value));
});
