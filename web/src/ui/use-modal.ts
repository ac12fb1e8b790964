import { type RefObject, useEffect } from 'react';

/** Opens and closes a <dialog> as a modal with `open` (focus moves in, Escape and the backdrop work). */
export function useModal(dialog: RefObject<HTMLDialogElement | null>, open: boolean): void {
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [dialog, open]);
}
