import { validationFailed } from '../errors.ts';
import { detectDatesOfBirth } from './detect-dob.ts';
import { detectEmails } from './detect-email.ts';
import { detectCards, detectIbans } from './detect-financial.ts';
import { detectNameForms } from './detect-name-forms.ts';
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
  name: (text, out, names) => {
    detectNames(text, out, names);
    detectNameForms(text, out, names);
  },
};

/**
 * Non-overlapping findings kept sorted by start, so that a candidate is checked against its one
 * possible neighbour (binary search) rather than against every finding: long texts hold thousands.
 */
class DisjointFindings {
  readonly sorted: Finding[] = [];

  /** Add `f` unless it overlaps a finding already held. */
  add(f: Finding): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.start < f.end) lo = mid + 1;
      else hi = mid;
    }
    // sorted[lo - 1] is the last finding starting before f ends: the only one that can overlap f.
    const before = this.sorted[lo - 1];
    if (before && before.end > f.start) return false;
    this.sorted.splice(lo, 0, f);
    return true;
  }
}

/** Keep a set of non-overlapping findings: by precedence, then the longer, then the earlier. */
function resolveOverlaps(candidates: Finding[]): DisjointFindings {
  const ranked = [...candidates].sort(
    (a, b) =>
      PRECEDENCE.indexOf(a.type) - PRECEDENCE.indexOf(b.type) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept = new DisjointFindings();
  for (const c of ranked) kept.add(c);
  return kept;
}

/**
 * A string found to be PII once is PII wherever it appears as a whole word: the second mention
 * of a name often lacks the context that gave the first one away.
 */
function propagate(text: string, kept: DisjointFindings): Finding[] {
  const seen = new Set<string>();
  for (const f of [...kept.sorted]) {
    if (seen.has(f.text)) continue;
    seen.add(f.text);
    for (let at = text.indexOf(f.text); at !== -1; at = text.indexOf(f.text, at + 1)) {
      const end = at + f.text.length;
      if (isWordCharAt(text, at - 1) || isWordCharAt(text, end)) continue;
      kept.add({ type: f.type, start: at, end, text: f.text });
    }
  }
  return kept.sorted;
}

/** PII findings in `text`, sorted by offset, never overlapping. */
export function detectPii(text: string, options: DetectOptions = {}): Finding[] {
  const types = options.types ?? PII_TYPES;
  const unknown = types.findIndex((t) => !isPiiType(t));
  if (unknown !== -1) throw validationFailed([{ path: `types[${unknown}]`, message: `unknown PII type; one of ${PII_TYPES.join(', ')}` }]);
  const names = options.names ?? DEFAULT_NAME_DICTIONARY;
  const candidates: Finding[] = [];
  for (const type of types) DETECTORS[type](text, candidates, names);
  return propagate(text, resolveOverlaps(candidates));
}
