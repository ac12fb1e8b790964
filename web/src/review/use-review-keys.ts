/** Listens to the keyboard for the review screen while it shows one item (not the correction editor). */
import { inTextField } from '../ui/text-field.ts';
import { useScreenKeys } from '../ui/use-screen-keys.ts';
import { type ReviewKeyAction, resolveReviewKey } from './review-keys.ts';

export function useReviewKeys(enabled: boolean, annotations: number, onAction: (action: ReviewKeyAction) => void): void {
  useScreenKeys(
    enabled,
    (event) => resolveReviewKey({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: inTextField(event.target) }, annotations),
    onAction,
  );
}
