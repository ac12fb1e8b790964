/** Listens to the keyboard for the annotate screen, before the drawing libraries see the keys. */
import { inTextField } from '../ui/text-field.ts';
import { useScreenKeys } from '../ui/use-screen-keys.ts';
import { type KeyAction, type PaletteEntry, resolveKey } from './hotkeys.ts';

function onActivatable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const control = target.closest('button, a[href], summary, input[type=checkbox], input[type=radio], [role=button]');
  return control !== null && !control.hasAttribute('data-annotate-key');
}

function annotateAction(event: KeyboardEvent, palette: PaletteEntry[]): KeyAction | null {
  const typing = inTextField(event.target);
  const action = resolveKey(
    {
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      inTextField: typing,
      onActivatable: onActivatable(event.target),
    },
    palette,
  );
  // Escape in a text field is the field's own (closing a suggestion list, say).
  return action?.type === 'escape' && typing ? null : action;
}

export function useAnnotateKeys(palette: PaletteEntry[], enabled: boolean, onAction: (action: KeyAction) => void) {
  useScreenKeys(enabled, (event) => annotateAction(event, palette), onAction, {
    capture: true,
    repeats: (action) => action.type === 'undo' || action.type === 'redo',
  });
}
