/** The review screen's keyboard shortcuts, as a dialog (opened with ?). */
import { useRef } from 'react';
import { KeysTable } from '../ui/KeysTable.tsx';
import { useModal } from '../ui/use-modal.ts';
import { REVIEW_SHORTCUTS } from './review-keys.ts';

export function ReviewShortcuts({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useModal(ref, open);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="review-shortcuts-title" onClose={onClose}>
      <h2 id="review-shortcuts-title">Keyboard shortcuts</h2>
      <KeysTable rows={REVIEW_SHORTCUTS} />
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
