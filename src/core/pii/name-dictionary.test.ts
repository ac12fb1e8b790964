import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_NAME_DICTIONARY, foldName } from './name-dictionary.ts';
import { GENERATED_COMMON_WORDS, GENERATED_FIRST_NAMES, GENERATED_LAST_NAMES } from './name-lists.generated.ts';

test('the generated lists hold unique folded keys of two letters or more, as the generator promises', () => {
  for (const list of [GENERATED_FIRST_NAMES, GENERATED_LAST_NAMES, GENERATED_COMMON_WORDS]) {
    assert.equal(new Set(list).size, list.length);
    for (const key of list) {
      assert.equal(foldName(key), key, `${key} is not folded as foldName folds it`);
      assert.match(key, /^\p{Script=Latin}{2,}|^\p{Script=Latin}+(?:['-]\p{Script=Latin}+)+$/u, key);
    }
  }
  const names = new Set([...GENERATED_FIRST_NAMES, ...GENERATED_LAST_NAMES]);
  assert.ok(GENERATED_FIRST_NAMES.length > 10_000 && GENERATED_LAST_NAMES.length > 10_000);
  assert.ok(GENERATED_COMMON_WORDS.every((w) => names.has(w)), 'a common word is one of the names');
});

test('the default dictionary merges the generated lists under the hand-made ones', () => {
  const d = DEFAULT_NAME_DICTIONARY;
  assert.ok(d.first.has('kwame') && d.last.has('mensah') && d.last.has('dvorakova'), 'generated names are in');
  assert.ok(d.common.has('ama') && d.common.has('hope') && !d.common.has('kwame'), 'English words are common words');
  assert.ok(d.common.has('london'), 'a city name is a common word');
  // `john` and `james` are in the English word list, but the hand-made lists keep them strong;
  // `green` is a generated first name, but the hand-made lists keep it a surname only.
  assert.ok(d.first.has('john') && !d.common.has('john') && !d.common.has('james'));
  assert.ok(d.last.has('green') && !d.first.has('green'));
});
