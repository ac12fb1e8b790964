import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from './detect.ts';

const names = (text: string): string[] => detectPii(text, { types: ['name'] }).map((f) => f.text);

// Hedy, Lamarr, Radia, Perlman and Hopper are in no list; Grace is a given name that is also a word.
test('a given name and surname in no list are found where the words around them speak of a person', () => {
  assert.deepEqual(names('The talk cited Hedy Lamarr and her patent.'), ['Hedy Lamarr']);
  assert.deepEqual(names('Ask Radia Perlman about spanning trees.'), ['Radia Perlman']);
  assert.deepEqual(names('The network engineer Radia Perlman designed it.'), ['Radia Perlman']);
  assert.deepEqual(names('Hedy Lamarr, born in Vienna, co-invented frequency hopping.'), ['Hedy Lamarr']);
});

test('a given name that is also a word, then a capitalised word in no list, is a name away from a sentence start', () => {
  assert.deepEqual(names('The compiler was written by Grace Hopper in 1952.'), ['Grace Hopper']);
  assert.deepEqual(names('Grace Hopper wrote the first compiler.'), ['Grace Hopper'], 'or at one, when a deed of a person follows');
});

test('a listed given name ending a run is the surname of the unknown word before it', () => {
  assert.deepEqual(names('Please call Amelia Scott tomorrow.'), ['Amelia Scott']);
});

test('capitalised words that are not people stay unflagged', () => {
  assert.deepEqual(names('Grace period ends in May.'), []);
  assert.deepEqual(names('The Jade Palace restaurant reopened.'), [], 'a place after an article');
  assert.deepEqual(names('Quality Control reviewed the batch.'), [], 'a department at a sentence start');
  assert.deepEqual(names('The Washington Post said the figures were final.'), [], 'an organisation that says things');
  assert.deepEqual(names('Acme Widgets shipped the order on Monday.'), [], 'two unknown words with no person near');
  assert.deepEqual(names('Visual Studio crashed twice.'), []);
  assert.deepEqual(names('Patient Thomas Bernard was discharged.'), ['Thomas Bernard'], 'a role is not part of the name');
});
