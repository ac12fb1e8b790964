import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ibanCheckDigits, ibanValid, luhnCheckDigit, luhnValid, nirKey, nirValid, ssnValid } from './checksums.ts';

test('Luhn accepts published test card numbers and refuses one changed digit', () => {
  for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '79927398713']) {
    assert.equal(luhnValid(n), true, n);
  }
  assert.equal(luhnValid('4111111111111112'), false);
  assert.equal(luhnValid('79927398710'), false);
  assert.equal(luhnValid('4111-1111'), false);
});

test('Luhn catches every single-digit change', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{12,18}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
      const valid = body + luhnCheckDigit(body);
      const i = at % valid.length;
      const changed = valid.slice(0, i) + ((Number(valid[i]) + delta) % 10) + valid.slice(i + 1);
      return luhnValid(valid) && !luhnValid(changed);
    }),
  );
});

test('IBAN: registry examples are valid, a changed character or wrong length is not', () => {
  const examples = [
    'GB82WEST12345698765432', 'DE89370400440532013000', 'FR1420041010050500013M02606', 'NL91ABNA0417164300',
    'ES9121000418450200051332', 'IT60X0542811101000000123456', 'BE68539007547034', 'CH9300762011623852957',
    'NO9386011117947', 'MT84MALT011000012345MTLCAST001S',
  ];
  for (const iban of examples) assert.equal(ibanValid(iban), true, iban);
  assert.equal(ibanValid('GB82WEST12345698765433'), false);
  assert.equal(ibanValid('GB28WEST12345698765432'), false, 'swapped check digits');
  assert.equal(ibanValid('GB82WEST1234569876543'), false, 'one character short');
  assert.equal(ibanValid('XX82WEST12345698765432'), false, 'unknown country');
});

test('IBAN check digits computed for a BBAN make a valid IBAN', () => {
  assert.equal(ibanCheckDigits('GB', 'WEST12345698765432'), '82');
  assert.equal(ibanCheckDigits('DE', '370400440532013000'), '89');
});

test('SSN rules refuse area 000, 666 and 9xx, group 00, serial 0000', () => {
  assert.equal(ssnValid('123', '45', '6789'), true);
  assert.equal(ssnValid('000', '45', '6789'), false);
  assert.equal(ssnValid('666', '45', '6789'), false);
  assert.equal(ssnValid('912', '45', '6789'), false);
  assert.equal(ssnValid('123', '00', '6789'), false);
  assert.equal(ssnValid('123', '45', '0000'), false);
  assert.equal(ssnValid('078', '05', '1120'), false, 'the voided Woolworth number');
});

test('NIR key: published examples, including Corsica (2A, 2B)', () => {
  assert.equal(nirValid('295109912611193'), true);
  assert.equal(nirValid('295109912611199'), false);
  assert.equal(nirValid('255081416802538'), true);
  assert.equal(nirValid('255081416802539'), false);
  assert.equal(nirValid('253072B07300470'), true);
  assert.equal(nirValid('253072A07300443'), true);
  assert.equal(nirValid('253072C07300443'), false);
  assert.equal(nirKey('253072B073004'), 70);
});

test('NIR: a month that INSEE never assigns is refused even with a matching key', () => {
  const body = '2851399126111'; // month 13
  assert.equal(nirValid(`${body}${String(nirKey(body)).padStart(2, '0')}`), false);
});
