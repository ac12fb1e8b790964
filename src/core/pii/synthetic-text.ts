import { ibanCheckDigits, IBAN_LENGTHS, luhnCheckDigit, nirKey } from './checksums.ts';
import type { Random } from '../quality/seeded-random.ts';
import type { Finding, PiiType } from './types.ts';

/**
 * Synthetic business texts with planted PII, for the property tests and the redaction benchmark.
 * Every value is valid by its own rules (check digits, SSN ranges, NIR key), and the filler carries
 * the usual look-alikes (order numbers, times, prices) so that detection is not a trivial scan.
 */

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const digits = (random: Random, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const between = (random: Random, lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const groups = (s: string, size: number, sep: string): string => s.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);

const FIRST = ['Marie', 'Sophie', 'Thomas', 'Julien', 'Camille', 'Anna', 'Lukas', 'Giulia', 'Pablo', 'Priya', 'Omar', 'Emily', 'James', 'Hélène', 'François', 'Zoé'];
const LAST = ['Dupont', 'Moreau', 'Schmidt', 'Rossi', 'García', 'Kowalski', 'Nguyen', 'Patel', 'Haddad', 'Johnson', 'Fernandes', 'Lefebvre'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.fr', 'example.de'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function ascii(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

type Value = { type: PiiType; text: string; before?: string };

const VALUES: Record<PiiType, (random: Random) => Value> = {
  name: (r) => ({ type: 'name', text: `${pick(r, FIRST)} ${pick(r, LAST)}` }),
  email: (r) => ({ type: 'email', text: `${ascii(pick(r, FIRST))}.${ascii(pick(r, LAST))}${r() < 0.3 ? between(r, 1, 99) : ''}@${pick(r, DOMAINS)}` }),
  phone: (r) =>
    pick(r, [
      () => ({ type: 'phone' as const, text: `+33 ${between(r, 6, 7)} ${groups(digits(r, 8), 2, ' ')}` }),
      () => ({ type: 'phone' as const, text: `0${between(r, 1, 9)} ${groups(digits(r, 8), 2, ' ')}` }),
      () => ({ type: 'phone' as const, text: `(${between(r, 201, 989)}) ${between(r, 200, 999)}-${digits(r, 4)}` }),
      () => ({ type: 'phone' as const, text: `+44 20 ${between(r, 7000, 8999)} ${digits(r, 4)}` }),
    ])(),
  iban: (r) => {
    const country = pick(r, ['FR', 'DE', 'GB', 'ES', 'NL', 'BE', 'IT']);
    const length = IBAN_LENGTHS[country]!;
    const bban = country === 'GB' || country === 'NL' ? `${pick(r, ['WEST', 'NWBK', 'ABNA', 'RABO'])}${digits(r, length - 8)}` : digits(r, length - 4);
    return { type: 'iban', text: groups(`${country}${ibanCheckDigits(country, bban)}${bban}`, 4, ' ') };
  },
  card: (r) => {
    const body = `4${digits(r, 14)}`;
    return { type: 'card', text: groups(body + luhnCheckDigit(body), 4, r() < 0.5 ? ' ' : '-') };
  },
  ssn: (r) => {
    let area = between(r, 1, 899);
    if (area === 666) area = 667;
    return { type: 'ssn', text: `${pad(area, 3)}-${pad(between(r, 1, 99), 2)}-${pad(between(r, 1, 9999), 4)}` };
  },
  nir: (r) => {
    let dept = between(r, 1, 95);
    if (dept === 20) dept = 21;
    const body = `${between(r, 1, 2)}${pad(between(r, 40, 99), 2)}${pad(between(r, 1, 12), 2)}${pad(dept, 2)}${pad(between(r, 1, 990), 3)}${pad(between(r, 1, 999), 3)}`;
    const nir = `${body}${pad(nirKey(body), 2)}`;
    return { type: 'nir', text: r() < 0.5 ? nir : `${nir[0]} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}` };
  },
  dob: (r) => {
    const [d, m, y] = [between(r, 1, 28), between(r, 1, 12), between(r, 1940, 2005)];
    return pick(r, [
      { type: 'dob' as const, before: 'born on ', text: `${d} ${MONTH_NAMES[m - 1]} ${y}` },
      { type: 'dob' as const, before: 'DOB: ', text: `${y}-${pad(m, 2)}-${pad(d, 2)}` },
      { type: 'dob' as const, before: 'date of birth ', text: `${pad(d, 2)}/${pad(m, 2)}/${y}` },
    ]);
  },
};

// `{type}` marks a slot. Sentences start with words that are never names.
const TEMPLATES = [
  'Please forward the signed form to {name} ({email}) before Friday.',
  'The new supplier contact is {name}, reachable on {phone} during office hours.',
  'The refund goes to IBAN {iban} as agreed with the customer.',
  'Payment was taken from card {card} and confirmed by the bank.',
  'The applicant, {name}, {dob}, asked for a copy of the contract.',
  'Employee SSN {ssn} was checked against the payroll records.',
  'Numéro de sécurité sociale du salarié : {nir}.',
  'Contact: {email}, tel. {phone}.',
  'We spoke with {name} yesterday about the delayed shipment.',
];
const FILLER = [
  'The order 4521-8873 shipped at 14:32 on 2024-03-15 for 1,299.00 EUR.',
  'Our team reviewed 37 tickets this week and closed most of them.',
  'The quarterly figures look stable compared to last year.',
  'We will send the updated invoice INV-2024-00917 by the end of the month.',
  'The meeting moved to room 4B at 10:30, see ticket #88231.',
  'Tracking number 1Z999AA10123456784 was issued for the parcel.',
  'All prices include VAT at 20% and a handling fee of 4.50.',
  'The warehouse confirmed that 1,250 units are in stock.',
];

/** A document of about `targetLength` UTF-16 units and the PII planted in it, in text order. */
export function generatePiiDocument(random: Random, targetLength = 1024): { text: string; planted: Finding[] } {
  let text = '';
  const planted: Finding[] = [];
  while (text.length < targetLength) {
    const sentence = random() < 0.55 ? pick(random, TEMPLATES) : pick(random, FILLER);
    let out = text.length === 0 ? '' : ' ';
    for (const part of sentence.split(/(\{[a-z]+\})/)) {
      const slot = /^\{([a-z]+)\}$/.exec(part);
      if (!slot) {
        out += part;
        continue;
      }
      const value = VALUES[slot[1] as PiiType](random);
      out += value.before ?? '';
      const start = text.length + out.length;
      planted.push({ type: value.type, start, end: start + value.text.length, text: value.text });
      out += value.text;
    }
    text += out;
  }
  return { text, planted };
}
