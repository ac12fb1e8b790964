import { validationFailed } from '../errors.ts';
import { detectDatesOfBirth } from './detect-dob.ts';
import { detectEmails } from './detect-email.ts';
import { detectCards, detectIbans } from './detect-financial.ts';
import { detectNames } from './detect-names.ts';
import { detectNirs, detectSsns } from './detect-national-id.ts';
import { detectPhones } from './detect-phone.ts';
import { DEFAULT_NAME_DICTIONARY, type NameDictionary } from './name-dictionary.ts';
import { isWordCharAt } from './text-context.ts';
import { isPiiType, PII_TYPES, type Finding, type PiiType } from './types.ts';

export interface DetectOptions {
  /** The types to look for; all of them by default. */
  types?: readonly PiiType[];
  /** Names to look for; the built-in dictionary by default (see createNameDictionary). */
  names?: NameDictionary;
}

type Detector = (text: string, out: Finding[], names: NameDictionary) => void;

/**
 * When two candidates overlap, the earlier type in this list wins: check-digit types first (their
 * matches are nearly certain), then shapes, then dictionary names.
 */
const PRECEDENCE: readonly PiiType[] = ['iban', 'card', 'nir', 'ssn', 'email', 'dob', 'phone', 'name'];

const DETECTORS: Record<PiiType, Detector> = {
  email: detectEmails,
  phone: detectPhones,
  iban: detectIbans,
  card: detectCards,
  ssn: detectSsns,
  nir: detectNirs,
  dob: detectDatesOfBirth,
  name: (text, out, names) => detectNames(text, out, names),
};

function overlaps(a: Finding, b: Finding): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Keep a set of non-overlapping findings: by precedence, then the longer, then the earlier. */
function resolveOverlaps(candidates: Finding[]): Finding[] {
  const ranked = [...candidates].sort(
    (a, b) =>
      PRECEDENCE.indexOf(a.type) - PRECEDENCE.indexOf(b.type) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: Finding[] = [];
  for (const c of ranked) if (!kept.some((k) => overlaps(k, c))) kept.push(c);
  return kept;
}

/**
 * A string found to be PII once is PII wherever it appears as a whole word: the second mention
 * of a name often lacks the context that gave the first one away.
 */
function propagate(text: string, kept: Finding[]): Finding[] {
  const all = [...kept];
  const seen = new Set<string>();
  for (const f of kept) {
    if (seen.has(f.text)) continue;
    seen.add(f.text);
    for (let at = text.indexOf(f.text); at !== -1; at = text.indexOf(f.text, at + 1)) {
      const found: Finding = { type: f.type, start: at, end: at + f.text.length, text: f.text };
      if (isWordCharAt(text, at - 1) || isWordCharAt(text, found.end)) continue;
      if (!all.some((k) => overlaps(k, found))) all.push(found);
    }
  }
  return all;
}

/** PII findings in `text`, sorted by offset, never overlapping. */
export function detectPii(text: string, options: DetectOptions = {}): Finding[] {
  const types = options.types ?? PII_TYPES;
  const unknown = types.findIndex((t) => !isPiiType(t));
  if (unknown !== -1) throw validationFailed([{ path: `types[${unknown}]`, message: `unknown PII type; one of ${PII_TYPES.join(', ')}` }]);
  const names = options.names ?? DEFAULT_NAME_DICTIONARY;
  const candidates: Finding[] = [];
  for (const type of types) DETECTORS[type](text, candidates, names);
  return propagate(text, resolveOverlaps(candidates)).sort((a, b) => a.start - b.start);
}
