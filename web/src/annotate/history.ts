/**
 * Undo and redo over drafts. Every edit — a shape drawn, moved or deleted, a span, a choice — is
 * one step, whatever part of the screen made it, so Ctrl+Z means the same thing everywhere.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

/** Enough for a long task; older steps are dropped so that memory stays flat over a day. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

export function record<T>(history: History<T>, next: T): History<T> {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [] };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const next = history.future[0];
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: history.future.slice(1) };
}

export const canUndo = <T>(history: History<T>): boolean => history.past.length > 0;
export const canRedo = <T>(history: History<T>): boolean => history.future.length > 0;

/** Replaces the present without a new undo step: a shape dragged through many positions is one edit. */
export function amend<T>(history: History<T>, next: T): History<T> {
  if (next === history.present) return history;
  return { past: history.past, present: next, future: [] };
}
