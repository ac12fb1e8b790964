import { isEnglishWord } from './english-words.ts';
import { addLoneNames, type LoneWord } from './lone-names.ts';
import { capitaliseLowerCaseLines } from './lower-case-lines.ts';
import { withInitials } from './name-span.ts';
import { DEFAULT_NAME_DICTIONARY, foldName, type NameDictionary } from './name-dictionary.ts';
import { CITY_WORDS } from './world-cities.ts';
import { ARTICLE_BEFORE, EPONYM_AFTER, NOT_NAMES, PARTICLES, PARTICLE_LIST, PERSON_AFTER, PERSON_BEFORE, PLACE_FIRST_WORDS, PLACE_PHRASES, PLACE_WORDS_ANY_CASE, PLACE_WORDS_BEFORE, PLACE_WORDS_CAPITALISED, SALUTATIONS, STREET_BEFORE, TITLES } from './name-cues.ts';
import type { Finding } from './types.ts';

/**
 * Personal names from dictionaries. Words are read in runs of capitalised words written next to
 * each other (`Jean-Pierre Dupont`, `John F. Kennedy`, `Ludwig van Beethoven`). A run is a name
 * when it holds a dictionary name; an unknown word joins it as a guessed surname after a first
 * name, or as a guessed first name before a surname. A name that is also an ordinary word (`Will`,
 * `Grace`, `Brown`) counts only beside another name or after a title (`Mr`, `Dr`, `Mme`).
 * No list holds every name (`Hedy Lamarr`, `Radia Perlman`): two or three capitalised words in no
 * list are a name when the words around them say a person is meant (`the engineer …`, `… wrote`),
 * and so are two or three that are not English either (english-words.ts: `Anirban Chattopadhyay`);
 * one such word alone, where its place in the sentence says so (lone-names.ts).
 */

type WordClass =
  | 'first' // in the first-name list only
  | 'last' // in the last-name list only
  | 'both' // in both lists (Thomas, Martin)
  | 'ambiguousFirst' // a first name that is also an everyday word (Will, Grace)
  | 'ambiguousLast' // a surname that is also an everyday word (Brown, Baker)
  | 'unknown' // capitalised, in no list
  | 'initial' // `J.`
  | 'particle' // `de`, `van`, `von` between two names
  | 'title' // Mr, Dr, Mme: the next word is a name
  | 'salutation' // Dear, Hi: the next word may be a name if it is one in the dictionary
  | 'other'; // anything that breaks a run

interface Word {
  start: number;
  end: number;
  cls: WordClass;
  /** The word folded (foldName). */
  key: string;
  /** In no list, and not an English word either (`Chattopadhyay`, `Tuimavave`). */
  foreign: boolean;
  /** Written in capitals (`IBAN`, `OKAFOR`). */
  caps: boolean;
}

// Only capitalised words and particles can be part of a name; other words are never tokens, and
// since a run needs single spaces between its words, a skipped word still breaks it.
const WORD = new RegExp(
  String.raw`\p{Lu}[\p{L}\p{M}]*(?:['’](?!s(?!\p{L}))[\p{L}\p{M}]+|-[\p{L}\p{M}]+)*|\b(?:${PARTICLE_LIST.replace(/ /g, '|')})(?![\p{L}\p{M}])`,
  'gu',
);
const LETTER = /[\p{L}\p{M}'’-]/u;

function isCapitalised(word: string): boolean {
  const first = word[0]!;
  return first !== first.toLowerCase();
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** `key` is the word folded (foldName). */
function classify(word: string, key: string, dotAfter: boolean, dict: NameDictionary): WordClass {
  if (!isCapitalised(word)) return PARTICLES.has(key) ? 'particle' : 'other';
  if (word.length === 1) {
    if (!dotAfter) return 'other';
    return word === 'M' ? 'title' : 'initial';
  }
  if (TITLES.has(key)) return 'title';
  if (SALUTATIONS.has(key)) return 'salutation';
  // Before the lists: a list of some 28,000 names holds `The`, `Le` and `Inc` too (Vietnamese Thế
  // and Lê, a surname Inc).
  if (NOT_NAMES.has(key)) return 'other';
  const first = dict.first.has(key);
  const last = dict.last.has(key);
  if (first || last) {
    if (dict.common.has(key)) return first ? 'ambiguousFirst' : 'ambiguousLast';
    return first && last ? 'both' : first ? 'first' : 'last';
  }
  // An all-capital word outside the lists is an acronym far more often than a name.
  if (isAllCaps(word) || dict.common.has(key)) return 'other';
  return 'unknown';
}

const isStrong = (c: WordClass | undefined): boolean => c === 'first' || c === 'last' || c === 'both';
const opensName = (c: WordClass | undefined): boolean => c === 'first' || c === 'both';
const closesName = (c: WordClass | undefined): boolean => c === 'last' || c === 'both';
const isLink = (c: WordClass | undefined): boolean => c === 'initial' || c === 'particle';
const isAmbiguous = (c: WordClass | undefined): boolean => c === 'ambiguousFirst' || c === 'ambiguousLast';

const isWord = (c: WordClass | undefined): boolean => c !== undefined && !isLink(c);
const clsAt = (run: Word[], k: number): WordClass | undefined => run[k]?.cls;

/**
 * For each word of a run, the index of the nearest word before and after it that is not an
 * initial or particle (-1 or run.length when there is none): computed once per run, so a long
 * run of particles costs no more than its length.
 */
function neighbours(run: Word[]): { prev: Int32Array; next: Int32Array } {
  const prev = new Int32Array(run.length);
  const next = new Int32Array(run.length);
  let last = -1;
  for (let j = 0; j < run.length; j++) {
    prev[j] = last;
    if (isWord(run[j]!.cls)) last = j;
  }
  last = run.length;
  for (let j = run.length - 1; j >= 0; j--) {
    next[j] = last;
    if (isWord(run[j]!.cls)) last = j;
  }
  return { prev, next };
}

/** Capitals beside title case (`Swiss IBAN`): an acronym and its qualifier, not a name. */
function mixesCapitals(run: Word[]): boolean {
  const words = run.filter((w) => isWord(w.cls));
  return words.some((w) => w.caps) && words.some((w) => !w.caps);
}

interface RunContext {
  /** The title or salutation just before the run, if any. */
  before: WordClass | null;
  atSentenceStart: boolean;
  /** The words around the run speak of a person. */
  /** Read only when a rule needs it: two regular expressions over the words around the run. */
  personNear: () => boolean;
  /** `the`, `a` or `an` just before: a person's name seldom takes one (`the Jade Palace`). */
  afterArticle: boolean;
}

/** Which words of one run belong to a name. */
function nameWords(run: Word[], { before, atSentenceStart, personNear, afterArticle }: RunContext): boolean[] {
  const keep: boolean[] = new Array<boolean>(run.length).fill(false);
  // Neighbours look through initials and particles: `Jan de Jong`, `John F. Kennedy`.
  const { prev, next } = neighbours(run);
  const wordCount = run.filter((w) => isWord(w.cls)).length;
  // One word in no list, not English, at a sentence start, before a person's deed (`Suharti said`).
  if (wordCount === 1 && run.length === 1 && run[0]!.foreign && personNear()) return [true];
  // Two or three words none of which is English or a known non-name, one at least in no list
  // (`Anirban Chattopadhyay`, `Siaosi Tuimavave`): a person (places are gone: isNamedPlace).
  if (!afterArticle && wordCount >= 2 && wordCount <= 3 && run.some((w) => w.foreign) && run.every((w) => w.foreign || isStrong(w.cls) || isLink(w.cls)) && !mixesCapitals(run)) {
    for (let j = 0; j < run.length; j++) keep[j] = isWord(run[j]!.cls);
    holdLinks(run, keep, prev, next);
    return keep;
  }
  if (wordCount >= 2 && wordCount <= 3 && personNear()) {
    // Given name and surname in no list, or listed ones at a sentence start, where the context
    // settles it. Longer runs are more often titles of works or organisations.
    for (let j = 0; j < run.length; j++) keep[j] = isWord(run[j]!.cls);
    holdLinks(run, keep, prev, next);
    return keep;
  }
  if (!run.some((w) => isStrong(w.cls))) {
    // No dictionary anchor: a title (`Dr Kowalczyk`), a salutation (`Dear Grace`), or two
    // everyday-word names as first name and surname away from a sentence start (`Mark Brown`).
    if (before === 'title') {
      for (let j = 0; j < Math.min(2, run.length) && (run[j]!.cls === 'unknown' || isAmbiguous(run[j]!.cls)); j++) keep[j] = true;
    } else if (before === 'salutation' && (isAmbiguous(run[0]!.cls) || run[0]!.foreign)) {
      keep[0] = true;
      if (run[1]?.foreign) keep[1] = true;
    }
    // A given name that is also a word, then a capitalised word in no list, is that word's surname
    // (`Grace Hopper`): the one capital would be unexplained away from a sentence start otherwise.
    // After an article, both are a place or a thing (`the Rose Garden`, `the Lily Pond`).
    for (let j = atSentenceStart ? 1 : 0; j + 1 < run.length; j++) {
      const next = run[j + 1]!.cls;
      if (j === 0 && afterArticle) continue;
      if (run[j]!.cls === 'ambiguousFirst' && (next === 'ambiguousLast' || next === 'unknown')) keep[j] = keep[j + 1] = true;
    }
    keepInitialled(run, keep);
    holdLinks(run, keep, prev, next);
    return keep;
  }
  for (let j = 0; j < run.length; j++) {
    const c = run[j]!.cls;
    if (isStrong(c)) keep[j] = true;
    else if (isAmbiguous(c)) keep[j] = isStrong(clsAt(run, prev[j]!)) || isStrong(clsAt(run, next[j]!)) || (j === 0 && before !== null);
    else if (c === 'unknown') {
      const surnameGuess = opensName(clsAt(run, prev[j]!));
      // A given name ending the run may be the surname (`Victor Hugo`, `Amelia Scott`): it is
      // found either way, and the word before it is then its first name.
      const after = next[j]!;
      const closes = closesName(clsAt(run, after)) || (clsAt(run, after) === 'first' && next[after] === run.length);
      const firstNameGuess = closes && !(j === 0 && atSentenceStart);
      keep[j] = surnameGuess || firstNameGuess || (j === 0 && before === 'title');
    }
  }
  keepInitialled(run, keep);
  holdLinks(run, keep, prev, next);
  return keep;
}

/** A word in no list and not English after an initial is a surname (`M. Tserendorj`). */
function keepInitialled(run: Word[], keep: boolean[]): void {
  for (let j = 1; j < run.length; j++) if (run[j]!.foreign && run[j - 1]!.cls === 'initial') keep[j] = true;
}

/** Initials and particles hold only between kept words (an initial may also lead: `J. Smith`). */
function holdLinks(run: Word[], keep: boolean[], prev: Int32Array, next: Int32Array): void {
  for (let j = 0; j < run.length; j++) {
    const c = run[j]!.cls;
    if (c === 'initial') keep[j] = keep[next[j]!] === true;
    else if (c === 'particle') keep[j] = keep[prev[j]!] === true && keep[next[j]!] === true;
  }
}

function isSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':' || c === '\r';
  }
  return true;
}

/**
 * A run that is itself a place or a thing named after a person: a city of several words (`Addis
 * Ababa`, though `Addis` is a surname), a street word first (`Avenida Túpac Amaru`), or a place
 * word last (`Ramon Magsaysay Award`; a capitalised one after two names only: `Nelson Mandela
 * Bay`, but `Michael Bay`, `Jude Law`).
 */
function isNamedPlace(text: string, run: Word[]): boolean {
  const first = text.slice(run[0]!.start, run[0]!.end);
  const last = text.slice(run[run.length - 1]!.start, run[run.length - 1]!.end);
  return (
    (run.length >= 2 && PLACE_FIRST_WORDS.has(run[0]!.key) && PLACE_PHRASES.has(run.map((w) => w.key).join(' '))) ||
    (run.length >= 2 && PLACE_WORDS_BEFORE.has(first)) ||
    (run.length >= 2 && PLACE_WORDS_ANY_CASE.has(last.toLowerCase())) ||
    (run.length >= 3 && PLACE_WORDS_CAPITALISED.has(last))
  );
}

function emitRun(text: string, run: Word[], before: WordClass | null, out: Finding[]): void {
  if (run.length === 0) return;
  // An English word opening a sentence is its verb or subject, not a given name (`Contact Tewodros Bekele`).
  if (run.length >= 2 && before === null && run[0]!.cls === 'unknown' && !run[0]!.foreign && isSentenceStart(text, run[0]!.start)) {
    return emitRun(text, run.slice(1), null, out);
  }
  const start = run[0]!.start;
  const end = run[run.length - 1]!.end;
  const lead = text.slice(Math.max(0, start - 20), start);
  // A run may end in `Jr` or `Sr`: what follows starts after its dot.
  const follows = text.slice(end, end + 40);
  let near: boolean | undefined;
  const keep = nameWords(run, {
    before,
    atSentenceStart: isSentenceStart(text, start),
    personNear: () => (near ??= PERSON_BEFORE.test(lead) || PERSON_AFTER.test(follows)),
    afterArticle: ARTICLE_BEFORE.test(lead),
  });
  // Most runs hold no name: what makes one a place is read only for those that do.
  if (!keep.includes(true)) return;
  const afterSuffix = /(?:Jr|Sr)$/.test(text.slice(start, end)) && text[end] === '.' ? follows.slice(1) : follows;
  if (isNamedPlace(text, run) || STREET_BEFORE.test(lead) || EPONYM_AFTER.some((re) => re.test(afterSuffix))) return;
  let j = 0;
  while (j < run.length) {
    if (!keep[j]) {
      j++;
      continue;
    }
    let k = j;
    while (k + 1 < run.length && keep[k + 1]) k++;
    const { start, end } = withInitials(text, run[j]!.start, run[k]!.end);
    // A lone word in capitals is an acronym more often than a name, even one the lists hold
    // (`IBAN`, `NIR`): it counts after a title or salutation, or beside another name (`JOHN SMITH`).
    const loneCapitals = j === k && before === null && run[j]!.caps;
    if (!loneCapitals) out.push({ type: 'name', start, end, text: text.slice(start, end) });
    j = k + 1;
  }
}

/** Capitalised words and particles, skipping capitals inside a word (`iPhone`). */
function tokens(text: string): { starts: number[]; words: string[] } {
  const starts: number[] = [];
  const words: string[] = [];
  const re = WORD;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > 0 && LETTER.test(text[m.index - 1]!)) continue;
    starts.push(m.index);
    words.push(m[0]);
  }
  return { starts, words };
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\u00a0';
}

export function detectNames(text: string, out: Finding[], dict: NameDictionary = DEFAULT_NAME_DICTIONARY): void {
  const capitalised = capitaliseLowerCaseLines(text, dict, NOT_NAMES);
  if (capitalised === null) return readNames(text, out, dict);
  // Read the copy; report the words as they are written.
  const found: Finding[] = [];
  readNames(capitalised, found, dict);
  for (const f of found) out.push({ ...f, text: text.slice(f.start, f.end) });
}

function readNames(text: string, out: Finding[], dict: NameDictionary): void {
  const { starts, words } = tokens(text);
  const firstFound = out.length;
  const lone: LoneWord[] = [];
  let run: Word[] = [];
  let before: WordClass | null = null;
  const emit = () => {
    if (run.length === 1 && run[0]!.foreign && before === null) lone.push(run[0]!);
    emitRun(text, run, before, out);
  };
  for (let i = 0; i < words.length; i++) {
    const start = starts[i]!;
    const end = start + words[i]!.length;
    // Words join a run when one space parts them, or `. ` after an initial or a title (`J. Smith`).
    const gap = i + 1 < words.length ? starts[i + 1]! - end : -1;
    const dotAfter = gap === 2 && text[end] === '.' && isSpace(text[end + 1]);
    const key = foldName(words[i]!);
    const cls = classify(words[i]!, key, dotAfter, dict);
    const joinsNext = (gap === 1 && isSpace(text[end])) || (dotAfter && (cls === 'initial' || cls === 'title'));
    if (cls === 'title' || cls === 'salutation' || cls === 'other') {
      emit();
      run = [];
      before = joinsNext && cls !== 'other' ? cls : null;
      continue;
    }
    const caps = isAllCaps(words[i]!);
    run.push({ start, end, key, cls, caps, foreign: cls === 'unknown' && !caps && !isEnglishWord(key) && !CITY_WORDS.has(key) });
    if (!joinsNext) {
      emit();
      run = [];
      before = null;
    }
  }
  emit();
  const found = out.slice(firstFound);
  addLoneNames(text, lone.filter((w) => !found.some((f) => f.start === w.start)), found, out, dict);
}
