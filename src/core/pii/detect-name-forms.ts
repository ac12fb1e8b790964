/**
 * Ways of writing a name that the run reader (detect-names.ts) does not see: a chat speaker in
 * lower case (`[09:14] tomasz: …`), a record header's `SURNAME, Given` (`OKONKWO, ADAEZE`), which
 * the comma splits in two, and a form's field (`NEXT OF KIN: HIWOT TESFAYE`), whose capitals the
 * reader takes for acronyms. A header needs every word in the name lists; a speaker's place and a
 * field's label say a name follows, so there its words need only not be English.
 */
import { isEnglishWord } from './english-words.ts';
import { CHAT_WORDS } from './lower-case-lines.ts';
import { foldName, type NameDictionary } from './name-dictionary.ts';
import type { Finding } from './types.ts';

// At a line's start: an optional time stamp, then one or two lower-case words and a colon. Sticky
// patterns, tried only where they can start (a line's start, a word before `, `): run over every
// position of the text, they cost more than all the other name rules together.
const SPEAKER = /[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?<?(\p{Ll}[\p{Ll}\p{M}]+(?:[ \t]\p{Ll}[\p{Ll}\p{M}]+)?)[>:][ \t]/uy;
const NAME_WORD = String.raw`[\p{Lu}][\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*`;
// Surname, comma, one or two given names; in capitals anywhere, in title case at a line's start only.
const INVERTED = new RegExp(String.raw`(${NAME_WORD}), (${NAME_WORD})(?: (${NAME_WORD}))?(?![\p{L}\p{M}])`, 'uy');
const LETTER = /[\p{L}\p{M}'’-]/u;

// A form's label for a person, then its colon: read back from each colon.
const FIELD_LABEL = /(?:^|\s)(?:full name|name|surname|last name|family name|given names?|first names?|forenames?|patient|employee|next of kin|signed|signature|beneficiary|account holder|applicant|claimant|insured|tenant|guardian|parent|witness|attn|attention|contact person)\s*$/iu;
// The field's value: words and initials, one space apart, up to two spaces, a bracket or a line's end.
const FIELD_VALUE = /[ \t]*((?:\p{Lu}\.[ \t]?)*\p{Lu}[\p{L}\p{M}'’-]+(?:,? (?:\p{Lu}\.[ \t]?)*\p{Lu}[\p{L}\p{M}'’-]+){0,3})(?=$|\s{2,}|[ \t]*[(\n\r]|[ \t]*$)/uy;

const listed = (dict: NameDictionary, word: string): boolean => {
  const key = foldName(word);
  return (dict.first.has(key) || dict.last.has(key)) && !dict.common.has(key);
};

function isLineStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') continue;
    return c === '\n' || c === '\r';
  }
  return true;
}

/** The chat speaker at the line starting at `line`, if it is one. */
function speakerAt(text: string, line: number, dict: NameDictionary, out: Finding[]): void {
  SPEAKER.lastIndex = line;
  const m = SPEAKER.exec(text);
  // A speaker's name in no list is taken when it is not English either (`ashkan:`), but not `todo:`.
  if (!m || !m[1]!.split(/[ \t]/).every((w) => listed(dict, w) || (!isEnglishWord(foldName(w)) && !CHAT_WORDS.has(foldName(w))))) return;
  const name = m[1]!;
  const start = m.index + m[0].lastIndexOf(name, m[0].length - 2);
  out.push({ type: 'name', start, end: start + name.length, text: name });
}

/** A field's value is a name when no word of it is English and none is a known non-name. */
function fieldName(value: string, dict: NameDictionary): boolean {
  return value
    .split(/[\s,.]+/)
    .filter((w) => w.length > 1)
    .every((w) => listed(dict, w) || !isEnglishWord(foldName(w)));
}

function fieldsAt(text: string, dict: NameDictionary, out: Finding[]): void {
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    if (!FIELD_LABEL.test(text.slice(Math.max(0, colon - 20), colon))) continue;
    FIELD_VALUE.lastIndex = colon + 1;
    const m = FIELD_VALUE.exec(text);
    if (!m || !fieldName(m[1]!, dict)) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    out.push({ type: 'name', start, end: start + m[1]!.length, text: m[1]! });
  }
}

export function detectNameForms(text: string, out: Finding[], dict: NameDictionary): void {
  fieldsAt(text, dict, out);
  for (let line = 0; line < text.length; ) {
    speakerAt(text, line, dict, out);
    const newline = text.indexOf('\n', line);
    if (newline === -1) break;
    line = newline + 1;
  }
  for (let comma = text.indexOf(', '); comma !== -1; comma = text.indexOf(', ', comma + 2)) {
    let at = comma;
    while (at > 0 && LETTER.test(text[at - 1]!)) at--;
    if (at === comma) continue;
    INVERTED.lastIndex = at;
    const m = INVERTED.exec(text);
    if (!m) continue;
    const [whole, surname, given, middle] = m as unknown as [string, string, string, string | undefined];
    const capitals = whole === whole.toUpperCase();
    if (!capitals && !isLineStart(text, at)) continue;
    const surnameKey = foldName(surname);
    if (!dict.last.has(surnameKey) || dict.common.has(surnameKey) || !dict.first.has(foldName(given)) || dict.common.has(foldName(given))) continue;
    const found = middle !== undefined && listed(dict, middle) ? whole : `${surname}, ${given}`;
    out.push({ type: 'name', start: at, end: at + found.length, text: found });
  }
}
