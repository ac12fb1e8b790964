import { DEFAULT_NAME_DICTIONARY, foldName, type NameDictionary } from './name-dictionary.ts';
import type { Finding } from './types.ts';

/**
 * Personal names from dictionaries. Words are read in runs of capitalised words written next to
 * each other (`Jean-Pierre Dupont`, `John F. Kennedy`, `Ludwig van Beethoven`). A run is a name
 * when it holds a dictionary name; an unknown word joins it as a guessed surname after a first
 * name, or as a guessed first name before a surname. A name that is also an ordinary word (`Will`,
 * `Grace`, `Brown`) counts only beside another name or after a title (`Mr`, `Dr`, `Mme`).
 * No list holds every name (`Hedy Lamarr`, `Radia Perlman`): two or three capitalised words in no
 * list are a name when the words around them say a person is meant (`the engineer …`, `… wrote`).
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
}

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

const TITLES = set(`mr mrs ms miss mx dr prof sir dame madam madame mme mlle monsieur mademoiselle herr
  frau sr sra senor senora dott signor signora`);
const SALUTATIONS = set('dear hi hello hey bonjour cher chere thanks merci');
const PARTICLE_LIST = 'de du des la le van von der den da di del della dos das bin ibn al';
const PARTICLES = set(PARTICLE_LIST);
// Only capitalised words and particles can be part of a name; other words are never tokens, and
// since a run needs single spaces between its words, a skipped word still breaks it.
const WORD = new RegExp(
  String.raw`\p{Lu}[\p{L}\p{M}]*(?:['’](?!s(?!\p{L}))[\p{L}\p{M}]+|-[\p{L}\p{M}]+)*|\b(?:${PARTICLE_LIST.replace(/ /g, '|')})(?![\p{L}\p{M}])`,
  'gu',
);
const LETTER = /[\p{L}\p{M}'’-]/u;
// People's roles: lower case just before unknown words, they say a person is meant; capitalised,
// they are not a name themselves (`Patient Thomas Bernard`).
const ROLE_LIST = `expert colleague annotator reviewer engineer inventor actress actor author writer novelist
  poet composer painter scientist researcher mathematician pioneer customer client patient employee
  contractor nurse doctor driver manager director founder mother father wife husband son daughter
  sister brother`;
// Capitalised words that often stand next to a name but are not one, even when a list has them.
const NOT_NAMES = set(`the a an and or but if so as at by in on of to for from with without into about
  after before since until while when where why how what which who whom this that these those
  there here then than also however please thanks thank regards best yes no not all any each every
  i we you he she they it my our your his her their its me us him them
  monday tuesday wednesday thursday friday saturday sunday january february march july september
  october november december today tomorrow yesterday tonight morning evening
  street st road rd avenue ave boulevard blvd lane drive square place rue chemin allee
  inc ltd llc gmbh sa sarl corp corporation company co group team department dept office
  university college school hospital clinic bank foundation institute center centre airport station
  project manager director support sales service services customer client vendor admin ceo cto
  order invoice ticket account report meeting call email phone note notes subject re fwd
  north south east west new old saint san santa le la les et des un une nous vous il elle
  mon ma mes ton ta votre notre
  quality control legal finance security operations marketing engineering research compliance
  procurement human resources data protection privacy product
  hotel airlines airline museum park river lake mount city county state republic
  times post journal news media press labs systems technologies software networks solutions
  industries holdings partners capital ventures motors airways telecom pharma energy studios
  ask tell remind invite cc later earlier now soon still even only just perhaps maybe finally
  meanwhile instead both either neither another other some many most few several such same first
  next last once again afterwards otherwise indeed anyway sometimes usually often never always
  ${ROLE_LIST}`);

// What stands next to a person rather than a company, place or product: a role just before the
// words (lower case, so not part of a title), a request made to someone (`Ask …`), or a deed of
// people, `who`, or `her`/`his` just after.
const ADDRESSED = ['ask', 'tell', 'remind', 'invite', 'thank', 'met', 'hired', 'interviewed'].map((v) => `[${v[0]!.toUpperCase()}${v[0]}]${v.slice(1)}`);
const PERSON_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${[...set(ROLE_LIST), 'née', ...ADDRESSED].join('|')}) $`, 'u');
const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:[Tt]he|[Aa]n?) $/u;
const PERSON_AFTER =
  /^(?: (?:who|said|says|wrote|writes|replied|phoned|emailed|signed|annotated|reviewed|adjudicated|translated|labelled|labeled|corrected|thanked|invented|founded|joined|resigned|retired|manages|managed|left|was born)(?![\p{L}\p{M}])|,? (?:born|née) |[^.!?\n]{0,30}?(?<![\p{L}\p{M}])(?:her|his|she|he)(?![\p{L}\p{M}]))/u;

// Words that make the name before them a place, an organisation, an award, a holiday or an eponym
// (`Martin Luther King Jr. Boulevard`, `Charles de Gaulle airport`, `Nobel Prize`, `Parkinson's
// disease`), and those that make the name after them a street (`Rue Victor Hugo`, `Via Garibaldi`).
// The first list is read in any case: people write `airport` and `Airport` alike; the second,
// capitalised only, holds words that are lower-case verbs or nouns beside a person (`let Maria test`).
const NAMED_AFTER_ANY_CASE = `street st road rd avenue ave boulevard blvd lane highway bridge tunnel square plaza
  station airport hospital clinic infirmary university college school academy institute foundation
  centre center memorial stadium arena library museum gallery theatre theater building tower prize award
  medal fellowship scholarship syndrome disease holiday group hotel airlines inc ltd llc corp gmbh`;
const NAMED_AFTER_CAPITALISED = `Drive Park Lecture Company Day House Hall Trust Fund Test Effect Law Theorem Principle Equation
  Way Gardens Garden Cup Trophy Scale Index Method`;
const SUFFIX_AND_POSSESSIVE = String.raw`^(?: (?:Jr|Sr|II|III)\.?)?(?:['’]s)? `;
const EPONYM_AFTER = [
  new RegExp(`${SUFFIX_AND_POSSESSIVE}(?:${NAMED_AFTER_ANY_CASE.trim().split(/\s+/).join('|')})(?![\\p{L}\\p{M}])`, 'iu'),
  new RegExp(`${SUFFIX_AND_POSSESSIVE}(?:${NAMED_AFTER_CAPITALISED.trim().split(/\s+/).join('|')})(?![\\p{L}\\p{M}])`, 'u'),
];
const STREET_BEFORE = /(?:^|[^\p{L}])(?:Rue|Avenue|Av\.|Boulevard|Bd|Place|Quai|Allée|Via|Viale|Piazza|Corso|Calle|Avenida|Plaza|Paseo|Rua|Praça|Straße|Strasse|Platz|Jalan|Fort|Port|Lake|Mount|Cape) $/u;

function isCapitalised(word: string): boolean {
  const first = word[0]!;
  return first !== first.toLowerCase();
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function classify(word: string, dotAfter: boolean, dict: NameDictionary): WordClass {
  const key = foldName(word);
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

interface RunContext {
  /** The title or salutation just before the run, if any. */
  before: WordClass | null;
  atSentenceStart: boolean;
  /** The words around the run speak of a person. */
  personNear: boolean;
  /** `the`, `a` or `an` just before: a person's name seldom takes one (`the Jade Palace`). */
  afterArticle: boolean;
}

/** Which words of one run belong to a name. */
function nameWords(run: Word[], { before, atSentenceStart, personNear, afterArticle }: RunContext): boolean[] {
  const keep: boolean[] = new Array<boolean>(run.length).fill(false);
  // Neighbours look through initials and particles: `Jan de Jong`, `John F. Kennedy`.
  const { prev, next } = neighbours(run);
  const wordCount = run.filter((w) => isWord(w.cls)).length;
  if (personNear && wordCount >= 2 && wordCount <= 3) {
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
    } else if (before === 'salutation' && isAmbiguous(run[0]!.cls)) {
      keep[0] = true;
    }
    // A given name that is also a word, then a capitalised word in no list, is that word's surname
    // (`Grace Hopper`): the one capital would be unexplained away from a sentence start otherwise.
    // After an article, both are a place or a thing (`the Rose Garden`, `the Lily Pond`).
    for (let j = atSentenceStart ? 1 : 0; j + 1 < run.length; j++) {
      const next = run[j + 1]!.cls;
      if (j === 0 && afterArticle) continue;
      if (run[j]!.cls === 'ambiguousFirst' && (next === 'ambiguousLast' || next === 'unknown')) keep[j] = keep[j + 1] = true;
    }
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
  holdLinks(run, keep, prev, next);
  return keep;
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

function emitRun(text: string, run: Word[], before: WordClass | null, out: Finding[]): void {
  if (run.length === 0) return;
  const start = run[0]!.start;
  const end = run[run.length - 1]!.end;
  const lead = text.slice(Math.max(0, start - 20), start);
  // A run may end in `Jr` or `Sr`: what follows starts after its dot.
  const follows = text.slice(end, end + 40);
  const afterSuffix = /(?:Jr|Sr)$/.test(text.slice(start, end)) && text[end] === '.' ? follows.slice(1) : follows;
  if (STREET_BEFORE.test(lead) || EPONYM_AFTER.some((re) => re.test(afterSuffix))) return;
  const keep = nameWords(run, {
    before,
    atSentenceStart: isSentenceStart(text, start),
    personNear: PERSON_BEFORE.test(lead) || PERSON_AFTER.test(follows),
    afterArticle: ARTICLE_BEFORE.test(lead),
  });
  let j = 0;
  while (j < run.length) {
    if (!keep[j]) {
      j++;
      continue;
    }
    let k = j;
    while (k + 1 < run.length && keep[k + 1]) k++;
    const start = run[j]!.start;
    const end = run[k]!.end;
    // A lone word in capitals is an acronym more often than a name, even one the lists hold
    // (`IBAN`, `NIR`): it counts after a title or salutation, or beside another name (`JOHN SMITH`).
    const loneCapitals = j === k && before === null && isAllCaps(text.slice(start, end));
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
  const { starts, words } = tokens(text);
  let run: Word[] = [];
  let before: WordClass | null = null;
  for (let i = 0; i < words.length; i++) {
    const start = starts[i]!;
    const end = start + words[i]!.length;
    // Words join a run when one space parts them, or `. ` after an initial or a title (`J. Smith`).
    const gap = i + 1 < words.length ? starts[i + 1]! - end : -1;
    const dotAfter = gap === 2 && text[end] === '.' && isSpace(text[end + 1]);
    const cls = classify(words[i]!, dotAfter, dict);
    const joinsNext = (gap === 1 && isSpace(text[end])) || (dotAfter && (cls === 'initial' || cls === 'title'));
    if (cls === 'title' || cls === 'salutation' || cls === 'other') {
      emitRun(text, run, before, out);
      run = [];
      before = joinsNext && cls !== 'other' ? cls : null;
      continue;
    }
    run.push({ start, end, cls });
    if (!joinsNext) {
      emitRun(text, run, before, out);
      run = [];
      before = null;
    }
  }
  emitRun(text, run, before, out);
}
