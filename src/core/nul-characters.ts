/**
 * The NUL character (U+0000) is legal in JSON and in JavaScript strings, but PostgreSQL refuses it
 * in `text` and in `jsonb` (keys and values alike): a string holding one fails the statement that
 * writes it, which the caller saw as a 500 (or the CLI's "unexpected error"). So every string from
 * outside is looked at where it comes in — request bodies, query strings and paths; imported lines
 * and records — and refused naming the field, before anything else repeats it.
 */
import type { FieldIssue } from './errors.ts';

export const NUL_MESSAGE = 'contains a NUL character';
const NUL_KEY_MESSAGE = 'the field name contains a NUL character';

/** What `JSON.stringify` writes for NUL: how a message shows one it must repeat. */
const SHOWN_NUL = '\\u0000';

interface Step {
  value: unknown;
  parent: Step | null;
  key: string | number | null;
}

function pathOf(step: Step): (string | number)[] {
  const path: (string | number)[] = [];
  for (let s: Step | null = step; s !== null && s.key !== null; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * The first place in a value parsed from JSON (an object's keys before its values) where a string
 * or a key holds a NUL; null when none does. The walk keeps its own stack: a deeply nested body
 * cannot overflow the call stack.
 */
export function findNul(value: unknown): { path: (string | number)[]; inKey: boolean } | null {
  const stack: Step[] = [{ value, parent: null, key: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string') {
      if (v.includes('\0')) return { path: pathOf(step), inKey: false };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: step, key: i });
    } else if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v)) {
      // (Bytes are not text: a Buffer is not walked key by key.)
      const keys = Object.keys(v);
      for (const key of keys) if (key.includes('\0')) return { path: [...pathOf(step), key], inKey: true };
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], parent: step, key: keys[i]! });
    }
  }
  return null;
}

/**
 * A path as the API names fields (`metadata.source`, `tags[2]`); a key that holds a NUL (or is
 * empty) is written as a JSON string (`metadata["a\u0000b"]`), so that the message holds no NUL.
 */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    if (p === '' || p.includes('\0')) return `${acc}[${JSON.stringify(p)}]`;
    return acc === '' ? p : `${acc}.${p}`;
  }, '');
}

/** The issue for the first NUL in a value (its path relative to the value), or null. */
export function nulIssue(value: unknown): FieldIssue | null {
  const found = findNul(value);
  if (!found) return null;
  return { path: formatPath(found.path), message: found.inKey ? NUL_KEY_MESSAGE : NUL_MESSAGE };
}

/** A text to be stored or shown, with each NUL written `\u0000`: for messages that quote their input. */
export function showNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', SHOWN_NUL) : text;
}

/**
 * A copy of a value parsed from JSON with every NUL, in strings and keys, written `\u0000`: for what
 * is stored about a failure, whose messages may quote the input that failed.
 */
export function withoutNul<T>(value: T): T {
  if (!findNul(value)) return value;
  const copy = (v: unknown): unknown => {
    if (typeof v === 'string') return showNul(v);
    if (Array.isArray(v)) return v.map(copy);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [showNul(k), copy(x)]));
    return v;
  };
  return copy(value) as T;
}
