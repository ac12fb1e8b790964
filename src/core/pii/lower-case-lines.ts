/**
 * Chat is often written all in lower case (`ok will ask chidi about it tmrw`), where the name
 * reader, which reads capitals, sees nothing. In a line without a single capital, the words that
 * could be names (listed ones, and words that are not English) are given their capital, so that
 * the same rules read them: `ask Chidi` is a person addressed, `chidi` alone is not a name. The
 * copy keeps every offset; a word whose capital would change its length is left as it is.
 */
import { isEnglishWord } from './english-words.ts';
import { foldName, type NameDictionary } from './name-dictionary.ts';

const WORD = /[\p{Ll}][\p{Ll}\p{M}'’-]+/gu;
const HAS_CAPITAL = /\p{Lu}/u;
const WORDS_IN_A_LINE = 3;
// Chat's own words, in no English list: never names.
export const CHAT_WORDS: ReadonlySet<string> = new Set(
  `lol lmao rofl omg btw pls plz thx tx ty tmrw tmr idk imo imho fyi brb afaik wfh ooo eod eow asap ok okay
  yep yup nope yeah ya yo hmm hm ugh haha hehe lmk nvm np gonna wanna gotta kinda sorta tbh tldr todo eta
  ps re cc bcc pr prs qa ui ux api repo repos wifi standup admin sysadmin bot mod devops infra`.split(/\s+/),
);

function mayBeName(word: string, dict: NameDictionary, notNames: ReadonlySet<string>): boolean {
  const key = foldName(word);
  if (notNames.has(key) || dict.common.has(key) || CHAT_WORDS.has(key)) return false;
  return dict.first.has(key) || dict.last.has(key) || !isEnglishWord(key);
}

/** `text` with the possible names of its lower-case lines capitalised, or null when it has no such line. */
export function capitaliseLowerCaseLines(text: string, dict: NameDictionary, notNames: ReadonlySet<string>): string | null {
  let copy: string | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (!HAS_CAPITAL.test(line)) {
      const words = [...line.matchAll(WORD)];
      if (words.length >= WORDS_IN_A_LINE) {
        for (const m of words) {
          const word = m[0];
          if (!mayBeName(word, dict, notNames)) continue;
          const capital = word[0]!.toUpperCase();
          if (capital.length !== 1) continue;
          copy ??= text;
          const at = lineStart + m.index;
          copy = copy.slice(0, at) + capital + copy.slice(at + 1);
        }
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return copy;
}
