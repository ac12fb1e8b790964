/**
 * Asks why an item is an edge case before it is flagged. The server then skips the task for this
 * person and sends the item up a tier, with the reason kept in its history.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useModal } from '../ui/use-modal.ts';

interface Props {
  open: boolean;
  itemName: string;
  /** The example in the reason field is of the kind of item on screen. */
  itemKind: 'image' | 'text';
  onFlag(reason: string): void;
  onClose(): void;
}

const EXAMPLE: Record<Props['itemKind'], string> = {
  image: 'e.g. a reflection doubles the cars',
  text: 'e.g. one name stands for both a person and a company',
};

export function FlagDialog({ open, itemName, itemKind, onFlag, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const closing = useModal(ref, open, onClose);
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} {...closing}>
      <h2 id={titleId}>Flag {itemName} as an edge case</h2>
      <p className="muted">It leaves your queue and goes to the people who decide hard cases, with what you write here.</p>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          onFlag(reason.trim());
        }}
      >
        <label>
          What makes it one (optional)
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} placeholder={EXAMPLE[itemKind]} />
        </label>
        <div className="row">
          <button type="submit" className="primary">
            Flag and skip
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
