import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDomainError } from '../errors.ts';
import { detectPii } from './detect.ts';
import { createNameDictionary, DEFAULT_NAME_DICTIONARY } from './name-dictionary.ts';
import type { PiiType } from './types.ts';

/** The strings found, as `type:text`. */
function found(text: string, types?: PiiType[]): string[] {
  return detectPii(text, types ? { types } : {}).map((f) => `${f.type}:${f.text}`);
}

test('e-mail addresses, including sub-domains, plus tags and a closing full stop', () => {
  assert.deepEqual(found('Write to jane.doe+tag@mail.example.co.uk.', ['email']), ['email:jane.doe+tag@mail.example.co.uk']);
  assert.deepEqual(found('user@host, @handle, a@1.2.3 and name@domain', ['email']), []);
});

test('phone numbers in international and national formats; dates, times and amounts are not', () => {
  const text = 'Call +33 6 12 34 56 78, (415) 555-0132, 415.555.0199, 020 7946 0958 or +1 (212) 555-0100.';
  assert.deepEqual(found(text, ['phone']), [
    'phone:+33 6 12 34 56 78', 'phone:(415) 555-0132', 'phone:415.555.0199', 'phone:020 7946 0958', 'phone:+1 (212) 555-0100',
  ]);
  const negatives = 'On 01.02.2024 at 14:32:07 we paid 1 234 567,89 EUR; order 0042-1234-5678; ISBN 978-3-16-148410-0; 2024-03-15.';
  assert.deepEqual(found(negatives, ['phone']), []);
});

test('a compact ten-digit number is a phone number only after a phone cue', () => {
  assert.deepEqual(found('Tél : 0612345678', ['phone']), ['phone:0612345678']);
  assert.deepEqual(found('Reference 0612345678', ['phone']), []);
});

test('IBANs with or without spaces, checked by MOD 97; a trailing upper-case word is not swallowed', () => {
  const text = 'Pay FR14 2004 1010 0505 0001 3M02 606 EUR or DE89370400440532013000, not FR15 2004 1010 0505 0001 3M02 606.';
  assert.deepEqual(found(text, ['iban']), ['iban:FR14 2004 1010 0505 0001 3M02 606', 'iban:DE89370400440532013000']);
  assert.deepEqual(found('GB82 WEST 1234 5698 7654 32 GB29 NWBK 6016 1331 9268 19', ['iban']), [
    'iban:GB82 WEST 1234 5698 7654 32', 'iban:GB29 NWBK 6016 1331 9268 19',
  ]);
});

test('payment cards: Luhn, issuer prefix, one separator style; a longer digit run is not a card', () => {
  const text = 'Visa 4111 1111 1111 1111, Amex 3782-822463-10005, MC 5555555555554444.';
  assert.deepEqual(found(text, ['card']), ['card:4111 1111 1111 1111', 'card:3782-822463-10005', 'card:5555555555554444']);
  const negatives = 'Bad 4111 1111 1111 1112, mixed 4111-1111 1111-1111, long 41111111111111110000, order 1234567812345670.';
  assert.deepEqual(found(negatives, ['card']), []);
});

test('a card followed by other digit groups (an expiry, a second card) is still found', () => {
  assert.deepEqual(found('Card 4111 1111 1111 1111 12 26 CVV 123; 5555-5555-5555-4444-4111-1111-1111-1111', ['card']), [
    'card:4111 1111 1111 1111', 'card:5555-5555-5555-4444', 'card:4111-1111-1111-1111',
  ]);
});

test('US SSNs follow the area/group/serial rules; bare nine digits need the word SSN', () => {
  assert.deepEqual(found('SSN 123-45-6789, 666-12-3456, 900-12-3456, 123-00-4567, 123 45 6789.', ['ssn']), [
    'ssn:123-45-6789', 'ssn:123 45 6789',
  ]);
  assert.deepEqual(found('SSN: 123456789; part number 234567890', ['ssn']), ['ssn:123456789']);
});

test('French NIRs, spaced or compact, with their key', () => {
  assert.deepEqual(found('NIR 2 95 10 99 126 111 93 et 253072B07300470, pas 295109912611199.', ['nir']), [
    'nir:2 95 10 99 126 111 93', 'nir:253072B07300470',
  ]);
});

test('dates of birth only after a birth cue', () => {
  const text = 'Born on 3 April 1990. DOB: 1985-03-12. Née le 1er janvier 1975. Invoice dated 12/03/2024. Birthday: March 3, 1990';
  assert.deepEqual(found(text, ['dob']), ['dob:3 April 1990', 'dob:1985-03-12', 'dob:1er janvier 1975', 'dob:March 3, 1990']);
  assert.deepEqual(found('born on 31/02/1990', ['dob']), [], 'no 31st of February either way');
});

test('names: whole words, case-aware, ambiguous names only beside another name or after a title', () => {
  assert.deepEqual(found('Marie Dupont met Jean-Pierre Lefebvre and Anna Kowalczyk.', ['name']), [
    'name:Marie Dupont', 'name:Jean-Pierre Lefebvre', 'name:Anna Kowalczyk',
  ]);
  assert.deepEqual(found('Will you mark the rose? Grace period ends in May. Brown rice.', ['name']), []);
  assert.deepEqual(found('Will Smith thanked Mrs. Grace and Dr Kowalczyk.', ['name']), ['name:Will Smith', 'name:Grace', 'name:Kowalczyk']);
  assert.deepEqual(found('marie dupont wrote from Mariebourg', ['name']), [], 'lower case and part of a word');
});

test('a name found once is redacted where it appears again without context', () => {
  assert.deepEqual(found('Mr. Holloway called. Later Holloway wrote again.', ['name']), ['name:Holloway', 'name:Holloway']);
});

test('a custom dictionary adds names and can mark extra ambiguous words', () => {
  const custom = createNameDictionary({ firstNames: ['Zephyrine'], lastNames: ['Quillfeather'], commonWords: ['Marie'] }, DEFAULT_NAME_DICTIONARY);
  assert.deepEqual(
    detectPii('Zephyrine Quillfeather and Marie wrote.', { types: ['name'], names: custom }).map((f) => f.text),
    ['Zephyrine Quillfeather'],
  );
  assert.throws(
    () => createNameDictionary({ firstNames: ['ok', 'two words'], lastNames: [] }),
    (e: unknown) => isDomainError(e) && e.code === 'validation_failed' && /firstNames\[1\]/.test(e.message),
  );
});

test('overlaps are resolved by precedence: the e-mail wins over the name inside it', () => {
  const findings = detectPii('Mail Marie.Dupont@example.com now');
  assert.deepEqual(findings.map((f) => f.type), ['email']);
});

test('offsets are UTF-16 units, so text before the PII may hold emoji and accents', () => {
  const text = '🙂 Hélène 👍 écrit à helene@example.fr';
  for (const f of detectPii(text)) assert.equal(text.slice(f.start, f.end), f.text);
  assert.deepEqual(found(text), ['name:Hélène', 'email:helene@example.fr']);
});

test('an unknown type is a validation error naming the option', () => {
  assert.throws(
    () => detectPii('x', { types: ['email', 'passport' as PiiType] }),
    (e: unknown) => isDomainError(e) && e.code === 'validation_failed' && /types\[1\]/.test(e.message),
  );
});

test('long pathological texts take time in proportion to their length', () => {
  // Each once took seconds through quadratic scans: particles between names, thousands of repeats.
  for (const text of ['de '.repeat(30_000) + 'Marie', '01 23 '.repeat(20_000), 'Marie '.repeat(20_000), '4111 1111 1111 1111 '.repeat(5_000)]) {
    const started = performance.now();
    detectPii(text);
    assert.ok(performance.now() - started < 3000, `${text.slice(0, 20)}… took ${Math.round(performance.now() - started)} ms`);
  }
});

test('on any text, findings are sorted, never overlap and quote the text exactly', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      const findings = detectPii(text);
      findings.forEach((f, i) => {
        assert.equal(text.slice(f.start, f.end), f.text);
        if (i > 0) assert.ok(findings[i - 1]!.end <= f.start);
      });
    }),
  );
});

test('knows the usual short forms of given names (Tim, Ken, Ada), and a name that is also a word only beside another name', () => {
  const names = (text: string) => detectPii(text, { types: ['name'] }).map((f) => f.text);
  assert.deepEqual(names('Tim Berners-Lee will speak at the conference.'), ['Tim Berners-Lee']);
  assert.deepEqual(names('Ken Thompson met John McCarthy in Dublin.'), ['Ken Thompson', 'John McCarthy']);
  assert.deepEqual(names('The fund grew, said Ada Lovelace.'), ['Ada Lovelace']);
  assert.deepEqual(names('Nick the edge of the table.'), []);
});
