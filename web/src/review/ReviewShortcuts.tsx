/** The review screen's keyboard shortcuts, as a dialog (opened with ?). */
import { useRef } from 'react';
import { useModal } from '../ui/use-modal.ts';
import { REVIEW_SHORTCUTS } from './review-keys.ts';

export function ReviewShortcuts({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useModal(ref, open);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="review-shortcuts-title" onClose={onClose}>
      <h2 id="review-shortcuts-title">Keyboard shortcuts</h2>
      <table className="keys">
        <tbody>
          {REVIEW_SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
