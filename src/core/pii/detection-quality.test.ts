import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseMarkedLine, type LabelledSentence } from '../../../test/fixtures/pii/build-labelled.ts';
import { detectPii } from './detect.ts';
import { scoreDetections, type TypeScore } from './evaluate.ts';
import type { PiiType } from './types.ts';

/**
 * Precision and recall per type on the labelled sentences of test/fixtures/pii. `labelled` is the
 * development set the detectors were tuned on. `heldout` was written afterwards, but the name rules
 * were tuned on its misses on 2026-11-30; `heldout-2` was written then by someone who had not seen
 * the detectors; `heldout-3` was written blind later that day, before the place and chat-speaker
 * rules were measured on it, so its figures are the honest ones now. Floors sit a little under the
 * measured figures (see README).
 */
const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/pii');

function load(name: string): LabelledSentence[] {
  return readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LabelledSentence);
}

/** The types a set holds, each with its floors. */
type Floors = Partial<Record<PiiType, { precision: number; recall: number }>>;

function measure(name: string): Record<PiiType, TypeScore> {
  return scoreDetections(load(name).map((s) => ({ gold: s.spans, detected: detectPii(s.text) })));
}

function assertFloors(scores: Record<PiiType, TypeScore>, floors: Floors, log: (m: string) => void): void {
  for (const [type, floor] of Object.entries(floors) as [PiiType, NonNullable<Floors[PiiType]>][]) {
    const s = scores[type];
    log(`${type.padEnd(5)} precision ${s.precision?.toFixed(3)} recall ${s.recall?.toFixed(3)} (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`);
    assert.ok(s.truePositives + s.falseNegatives > 0, `${type}: the set has no gold span of this type`);
    assert.ok((s.precision ?? 0) >= floor.precision, `${type} precision ${s.precision} < ${floor.precision}`);
    assert.ok((s.recall ?? 0) >= floor.recall, `${type} recall ${s.recall} < ${floor.recall}`);
  }
}

test('the JSONL files are the marked-up sentence files, rebuilt', () => {
  for (const [source, built] of [['sentences.txt', 'labelled'], ['heldout.txt', 'heldout'], ['heldout-2.txt', 'heldout-2'], ['heldout-3.txt', 'heldout-3'], ['dev-2.txt', 'dev-2']] as const) {
    const expected = readFileSync(join(FIXTURES, source), 'utf8')
      .split('\n')
      .map((line, i) => (line.trim() === '' || line.startsWith('#') ? null : parseMarkedLine(line, i + 1)))
      .filter((s) => s !== null);
    assert.deepEqual(load(built), expected, `${built}.jsonl is stale: run node --import tsx test/fixtures/pii/build-labelled.ts`);
    for (const s of expected) for (const span of s.spans) assert.equal(s.text.slice(span.start, span.end), span.text);
  }
});

const STRICT = { precision: 0.95, recall: 0.95 };

type SetName = 'labelled' | 'heldout' | 'heldout-2' | 'heldout-3' | 'dev-2';

const FLOORS: Record<SetName, Floors> = {
  labelled: {
    email: STRICT, iban: STRICT, card: STRICT, ssn: STRICT, nir: STRICT,
    phone: { precision: 0.95, recall: 0.9 },
    dob: { precision: 0.9, recall: 0.95 },
    name: { precision: 0.9, recall: 0.9 },
  },
  heldout: {
    email: STRICT, iban: STRICT, card: STRICT, ssn: STRICT, nir: STRICT,
    phone: { precision: 0.9, recall: 0.85 },
    dob: { precision: 0.9, recall: 0.9 },
    name: { precision: 0.9, recall: 0.8 },
  },
  // Names from many cultures, in lower case and capitals, and names that are everyday words: the
  // dictionary detector's weak ground (measured 2026-11-30: precision 0.600, recall 0.422 with the
  // hand-made lists; 0.644 and 0.594 with the generated multicultural lists; 0.696 and 0.609 with
  // the place and chat-speaker rules, written from its README's labelling rules, not its errors;
  // 0.754 and 0.766 with the rules for words in no list that are not English, and lower-case lines).
  'heldout-2': {
    email: STRICT, iban: STRICT, card: STRICT, ssn: STRICT, nir: STRICT,
    phone: { precision: 0.85, recall: 0.95 },
    dob: { precision: 0.95, recall: 0.95 },
    name: { precision: 0.73, recall: 0.74 },
  },
  // Written blind on 2026-11-30 and measured, never read, after each set of rules (names: precision
  // 0.621, recall 0.454 before the place and chat-speaker rules; 0.663 and 0.479 after them; 0.800
  // and 0.739 with the rules for words in no list that are not English and for lower-case lines,
  // tuned on dev-2).
  'heldout-3': {
    email: STRICT, iban: STRICT, card: STRICT, ssn: STRICT, nir: STRICT,
    phone: { precision: 0.95, recall: 0.9 },
    dob: { precision: 0.95, recall: 0.75 },
    name: { precision: 0.78, recall: 0.71 },
  },
  // The second development set, written to tune the rules for names in no list (0.582 and 0.299 before them).
  'dev-2': {
    email: STRICT, phone: { precision: 0.95, recall: 0.95 }, dob: STRICT,
    name: { precision: 0.88, recall: 0.84 },
  },
};

const SET_NAMES = { labelled: 'development', heldout: 'held-out', 'heldout-2': 'second held-out', 'heldout-3': 'third held-out', 'dev-2': 'second development' } as const;

for (const set of ['labelled', 'heldout', 'heldout-2', 'heldout-3', 'dev-2'] as const) {
  test(`${SET_NAMES[set]} set: precision and recall per type stay above their floors`, (t) => {
    assertFloors(measure(set), FLOORS[set], (m) => t.diagnostic(m));
  });
}
