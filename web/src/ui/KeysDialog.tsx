/** A screen's keyboard shortcuts as a modal dialog: the lists inside, a Close button below. */
import { type ReactNode, useId, useRef } from 'react';
import { useModal } from './use-modal.ts';

export function KeysDialog({ open, onClose, children }: { open: boolean; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModal(ref, open);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      // Escape closes through the screen's state too (see the Close button): the native close
      // event comes a task later, and a key pressed in between found the screen's keys still off.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={onClose}
    >
      <h2 id={titleId}>Keyboard shortcuts</h2>
      {children}
      {/* Closed by the screen's state, not by a dialog form: the dialog's close event comes a task
          later, and a key pressed in between still found the screen's keys off. */}
      <div className="row">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
