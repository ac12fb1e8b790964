/** Where a found name starts and ends, with the parts the word reader splits off. */

const CLOSE_INITIALS = /(?:^|[^\p{L}\p{M}.])((?:\p{Lu}\.)+)$/u;
const INITIAL_AFTER = /^(?: \p{Lu}\.)+(?=\s|$)/u;

/**
 * A name's span with what the word reader splits off: initials written together before it
 * (`K.R. Venkatesan`, `V.V.S. Laxman`), a generational suffix's dot (`Sefo Tuilagi Jr.`), and an
 * initial after it (`Regards, Meseret A.`).
 */
export function withInitials(text: string, start: number, end: number): { start: number; end: number } {
  const joined = CLOSE_INITIALS.exec(text.slice(Math.max(0, start - 12), start));
  const from = joined && text[start - 1] === '.' ? start - joined[1]!.length : start;
  const last = text.slice(Math.max(start, end - 2), end);
  const initial = INITIAL_AFTER.exec(text.slice(end, end + 12));
  const suffixDot = (last === 'Jr' || last === 'Sr') && text[end] === '.';
  const to = suffixDot ? end + 1 : initial ? end + initial[0].length : end;
  return { start: from, end: to };
}
