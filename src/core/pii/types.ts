/**
 * The PII types Atelier detects in text, and what a detection is. Offsets are UTF-16 code units,
 * like `String.prototype.slice`, so that they line up with span annotations made in a browser.
 */
export type PiiType = 'email' | 'phone' | 'iban' | 'card' | 'ssn' | 'nir' | 'dob' | 'name';

export const PII_TYPES: readonly PiiType[] = ['email', 'phone', 'iban', 'card', 'ssn', 'nir', 'dob', 'name'];

/** One detected PII string: `text === original.slice(start, end)`. */
export interface Finding {
  type: PiiType;
  start: number;
  end: number;
  text: string;
}

/** The placeholder the vendor sees instead of the PII string. */
export function placeholderFor(type: PiiType): string {
  return `[${type.toUpperCase()}]`;
}

export function isPiiType(value: unknown): value is PiiType {
  return typeof value === 'string' && (PII_TYPES as readonly string[]).includes(value);
}
