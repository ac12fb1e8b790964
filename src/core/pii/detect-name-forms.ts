/**
 * Two ways of writing a name that the run reader (detect-names.ts) does not see: a chat speaker in
 * lower case (`[09:14] tomasz: …`), and a record header's `SURNAME, Given` (`OKONKWO, ADAEZE`),
 * which the comma splits in two. Both need every word in the name lists: the form alone says little.
 */
import { foldName, type NameDictionary } from './name-dictionary.ts';
import type { Finding } from './types.ts';

// A line's start, an optional time stamp, then one or two lower-case words and a colon.
const SPEAKER = /(?:^|\n)[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?(?:<)?(\p{Ll}[\p{Ll}\p{M}]+(?:[ \t]\p{Ll}[\p{Ll}\p{M}]+)?)(?:>|:)[ \t]/gu;
const NAME_WORD = String.raw`[\p{Lu}][\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*`;
// Surname, comma, one or two given names; in capitals anywhere, in title case at a line's start only.
const INVERTED = new RegExp(String.raw`(?<![\p{L}\p{M}])(${NAME_WORD}), (${NAME_WORD})(?: (${NAME_WORD}))?(?![\p{L}\p{M}])`, 'gu');

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

export function detectNameForms(text: string, out: Finding[], dict: NameDictionary): void {
  SPEAKER.lastIndex = 0;
  for (let m = SPEAKER.exec(text); m !== null; m = SPEAKER.exec(text)) {
    const name = m[1]!;
    if (!name.split(/[ \t]/).every((w) => listed(dict, w))) continue;
    const start = m.index + m[0].lastIndexOf(name, m[0].length - 2);
    out.push({ type: 'name', start, end: start + name.length, text: name });
  }
  INVERTED.lastIndex = 0;
  for (let m = INVERTED.exec(text); m !== null; m = INVERTED.exec(text)) {
    const [whole, surname, given, middle] = m as unknown as [string, string, string, string | undefined];
    const capitals = whole === whole.toUpperCase();
    if (!capitals && !isLineStart(text, m.index)) continue;
    const surnameKey = foldName(surname);
    if (!dict.last.has(surnameKey) || dict.common.has(surnameKey) || !dict.first.has(foldName(given)) || dict.common.has(foldName(given))) continue;
    const text2 = middle !== undefined && listed(dict, middle) ? whole : `${surname}, ${given}`;
    out.push({ type: 'name', start: m.index, end: m.index + text2.length, text: text2 });
  }
}
