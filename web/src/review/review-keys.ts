/**
 * The review screen's keyboard: choose an annotation with its number, then accept, correct or
 * reject it; move through the queue with J and K. Pure, so the mapping is tested without a browser.
 */
import type { KeyPress } from '../annotate/hotkeys.ts';

export type ReviewKeyAction =
  | { type: 'choose'; index: number }
  | { type: 'accept' }
  | { type: 'correct' }
  | { type: 'reject' }
  | { type: 'next-item' }
  | { type: 'previous-item' }
  | { type: 'toggle-view' }
  | { type: 'toggle-differences' }
  | { type: 'help' };

/** A key press as the annotate screen reads it, less what review has no use for (Shift, Enter on buttons). In a text field (a comment) every key is text. */
export type ReviewKeyPress = Pick<KeyPress, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'inTextField'>;

/** What the shortcuts list shows, in the order of the work. */
export const REVIEW_SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['1 – 9', 'Choose the annotation the keys act on'],
  ['A', 'Accept the chosen annotation'],
  ['C', 'Correct it'],
  ['R', 'Reject it, with a comment'],
  ['J', 'Next item in the queue'],
  ['K', 'Previous item'],
  ['V', 'Overlaid or side by side'],
  ['D', 'Only the regions not everyone matched, or all of them'],
  ['?', 'This list'],
];

const LETTERS: Record<string, ReviewKeyAction> = {
  a: { type: 'accept' },
  c: { type: 'correct' },
  r: { type: 'reject' },
  j: { type: 'next-item' },
  k: { type: 'previous-item' },
  v: { type: 'toggle-view' },
  d: { type: 'toggle-differences' },
  '?': { type: 'help' },
};

/** The action of a key press, or null when the key is not the review screen's (or is text). */
export function resolveReviewKey(press: ReviewKeyPress, annotations: number): ReviewKeyAction | null {
  // Browser and system shortcuts (Ctrl+C, Cmd+R, …) keep their meaning.
  if (press.inTextField || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (/^[1-9]$/.test(press.key)) {
    const index = Number(press.key) - 1;
    return index < annotations ? { type: 'choose', index } : null;
  }
  return LETTERS[press.key.toLowerCase()] ?? null;
}

/** The annotation the keys act on: the chosen one while it waits, else the first still waiting. */
export function actingIndex(chosen: number, waiting: readonly boolean[]): number | null {
  if (waiting[chosen]) return chosen;
  const first = waiting.indexOf(true);
  return first === -1 ? null : first;
}

/** The neighbour of the current item in the queue, staying put at either end. */
export function neighbourItem(ids: readonly number[], current: number, step: 1 | -1): number {
  const at = ids.indexOf(current);
  if (at === -1) return ids[0] ?? current;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))]!;
}
