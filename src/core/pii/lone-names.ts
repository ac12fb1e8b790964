/**
 * Lone words in no name list and not English (`Ilango`, `Adaeze`) are names only where their place
 * in the sentence says so: beside a name found in a list (`Arjun, Meenakshi, Ilango and
 * Padmavathi`), after a greeting with its comma (`Thanks, Adaeze!`), or addressed at either end of
 * a sentence (`Chidi, can you …`, `Great catch, Oluwatobi.`). Alone, most are products and places.
 */
import { foldName, type NameDictionary } from './name-dictionary.ts';
import { withInitials } from './name-span.ts';
import type { Finding } from './types.ts';

export interface LoneWord {
  start: number;
  end: number;
}

// Between two names of a list: a comma, `and`, `or`, `&`.
const LIST_GAP = /^(?:,? (?:and|or|&) |, )$/u;
const GREETING_BEFORE = /(?:^|[^\p{L}])(?:[Tt]hanks|[Tt]hank you|[Cc]ongrats|[Cc]ongratulations|[Ww]elcome(?: back| aboard)?|[Cc]heers|[Rr]egards|[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Gg]ood (?:morning|afternoon|evening)),? $/u;
const ADDRESSED_AFTER = /^, (?:can|could|would|will|please|thanks|thank|are|do|did|have|is|when|where|what|how|let|you)(?![\p{L}\p{M}])/u;
// `, X.` ending a sentence whose other words are lower case: a word spoken to someone.
const VOCATIVE_BEFORE = /(?:^|[.!?]\s+)[\p{Lu}\d][^\p{Lu}.!?]*, $/u;
const SENTENCE_END_AFTER = /^[.!?](?:\s|$)/u;

function isSentenceStart(text: string, index: number): boolean {
  const lead = text.slice(Math.max(0, index - 3), index).trimEnd();
  return lead === '' || /[.!?:\n]$/.test(lead);
}

/** A name with a word of the lists: a list of places is no list of people because of one guess. */
function listed(name: Finding, dict: NameDictionary): boolean {
  return name.text.split(/[\s,]+/).some((w) => dict.first.has(foldName(w)) || dict.last.has(foldName(w)));
}

/** Adds to `out` the lone words that stand where a name does; `found` are the names found so far. */
export function addLoneNames(text: string, lone: readonly LoneWord[], found: readonly Finding[], out: Finding[], dict: NameDictionary): void {
  const names = found.filter((f) => listed(f, dict));
  const taken = new Set(found.map((f) => f.start));
  const add = (w: LoneWord) => {
    const { start, end } = withInitials(text, w.start, w.end);
    const f: Finding = { type: 'name', start, end, text: text.slice(start, end) };
    out.push(f);
    names.push(f);
    taken.add(w.start);
  };
  for (const w of lone) {
    const lead = text.slice(Math.max(0, w.start - 40), w.start);
    const follows = text.slice(w.end, w.end + 12);
    if (GREETING_BEFORE.test(lead) || (isSentenceStart(text, w.start) && ADDRESSED_AFTER.test(follows)) || (VOCATIVE_BEFORE.test(lead) && SENTENCE_END_AFTER.test(follows))) add(w);
  }
  // A list grows from its known names outwards, one neighbour at a time.
  for (let grew = true; grew; ) {
    grew = false;
    for (const w of lone) {
      if (taken.has(w.start)) continue;
      if (names.some((n) => LIST_GAP.test(text.slice(n.end, w.start)) || LIST_GAP.test(text.slice(w.end, n.start)))) {
        add(w);
        grew = true;
      }
    }
  }
}
