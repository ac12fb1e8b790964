/**
 * The checks on what a pool says of itself: its time zone, the data regions it may handle and the
 * languages its members work in. Each answers null when the value is good, else why it is not, in
 * words for the person who typed it. Regions and languages are matched to items' as written, so a
 * malformed one never matches and the pool silently gets less work than it should.
 */

/** A pool that may handle any region, or work in any language. */
export const ANY = '*';

/**
 * An IANA zone such as Europe/Paris (UTC too). Intl knows the zone database; a fixed offset
 * (+02:00) is refused even where Intl takes it: it does not follow summer time.
 */
export function timeZoneProblem(zone: string): string | null {
  if (zone.trim() === '') return 'a time zone cannot be blank: give one such as Europe/Paris, or none';
  if (/^[+-]?\d/.test(zone)) return `"${zone}" is an offset, not a time zone: give a zone such as Europe/Paris, which follows summer time`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return null;
  } catch {
    return `"${zone}" is not a time zone of the IANA database, such as Europe/Paris, America/New_York or UTC`;
  }
}

/** Data-residency regions are short lower-case codes (eu, us, in), as items carry them. */
export function regionProblem(region: string): string | null {
  if (region === ANY || /^[a-z]{2,10}$/.test(region)) return null;
  return `"${region}" is not a region: a region is a short lower-case code such as eu, us, in, or * for any`;
}

/**
 * A well-formed BCP 47 tag (en, pt-BR, zh-Hant-TW). Intl checks the grammar; the grammar also
 * allows a language subtag of five to eight letters, but none is registered, so "english" is a slip.
 */
export function languageProblem(tag: string): string | null {
  if (tag === ANY) return null;
  const why = `"${tag}" is not a language tag: give a BCP 47 tag such as en, fr, pt-BR, or * for any`;
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    return why;
  }
  return /^[A-Za-z]{2,3}(-|$)/.test(tag) ? null : why;
}
