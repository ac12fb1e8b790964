/** Small helpers the detectors share to look at the text around a candidate. */

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** Is the character at `index` a letter, digit or underscore (false outside the text)? */
export function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  }
  return WORD_CHAR.test(text[index]!);
}

/**
 * Does `cue` match the `window` characters before `start`, ending where the candidate begins
 * (the pattern must be anchored with `$` and may allow a short gap such as `: ` or ` on `)?
 */
export function cueBefore(text: string, start: number, cue: RegExp, window: number): boolean {
  return cue.test(text.slice(Math.max(0, start - window), start));
}

/** The digits of a candidate, separators dropped. */
export function digitsOf(candidate: string): string {
  return candidate.replace(/\D/g, '');
}

/** The separators between digit groups: '' when there are none, otherwise each distinct one. */
export function separatorsOf(candidate: string): Set<string> {
  const seps = new Set<string>();
  for (const m of candidate.matchAll(/[^\dA-Za-z]+/g)) seps.add(m[0]);
  return seps;
}
