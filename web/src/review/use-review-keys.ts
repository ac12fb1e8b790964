/** Listens to the keyboard for the review screen while it shows one item (not the correction editor). */
import { useEffect, useRef } from 'react';
import { inTextField } from '../ui/text-field.ts';
import { type ReviewKeyAction, resolveReviewKey } from './review-keys.ts';

export function useReviewKeys(enabled: boolean, annotations: number, onAction: (action: ReviewKeyAction) => void): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.defaultPrevented) return;
      // A dialog open over the screen keeps its keys.
      if (document.querySelector('dialog[open]')) return;
      const action = resolveReviewKey(
        { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: inTextField(event.target) },
        annotations,
      );
      if (!action) return;
      event.preventDefault();
      // Held down, A would accept again and again.
      if (event.repeat) return;
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, annotations]);
}
