/** A screen's keyboard shortcuts as a modal dialog: the lists inside, a Close button below. */
import { type ReactNode, useId, useRef } from 'react';
import { useModal } from './use-modal.ts';

export function KeysDialog({ open, onClose, children }: { open: boolean; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closing = useModal(ref, open, onClose);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} {...closing}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      {children}
      {/* Not a dialog form: it would close through the native close event (see useModal). */}
      <div className="row">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
