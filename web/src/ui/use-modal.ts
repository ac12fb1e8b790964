import { type RefObject, type SyntheticEvent, useEffect } from 'react';

/** What a <dialog> closed by the screen's state spreads onto itself (see useModal). */
export interface ModalCloseProps {
  onCancel(event: SyntheticEvent<HTMLDialogElement>): void;
  onClose(): void;
}

/**
 * Opens and closes a <dialog> as a modal with `open` (focus moves in, Escape and the backdrop work).
 * With `onClose`, it returns the props that close it through the screen's state: Escape too, since
 * the native close event comes a task later, and a key pressed in between found the screen's keys
 * still off.
 */
export function useModal(dialog: RefObject<HTMLDialogElement | null>, open: boolean): void;
export function useModal(dialog: RefObject<HTMLDialogElement | null>, open: boolean, onClose: () => void): ModalCloseProps;
export function useModal(dialog: RefObject<HTMLDialogElement | null>, open: boolean, onClose?: () => void): ModalCloseProps | void {
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [dialog, open]);
  if (!onClose) return;
  return {
    onCancel: (event) => {
      event.preventDefault();
      onClose();
    },
    onClose,
  };
}
