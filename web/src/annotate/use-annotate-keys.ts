/** Listens to the keyboard for the annotate screen, before the drawing libraries see the keys. */
import { useEffect, useRef } from 'react';
import { inTextField } from '../ui/text-field.ts';
import { type KeyAction, type PaletteEntry, resolveKey } from './hotkeys.ts';

function onActivatable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const control = target.closest('button, a[href], summary, input[type=checkbox], input[type=radio], [role=button]');
  return control !== null && !control.hasAttribute('data-annotate-key');
}

export function useAnnotateKeys(palette: PaletteEntry[], enabled: boolean, onAction: (action: KeyAction) => void) {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.defaultPrevented) return;
      // A dialog open over the screen (shortcuts, session expired) keeps its keys.
      if (document.querySelector('dialog[open]')) return;
      const action = resolveKey(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          shiftKey: event.shiftKey,
          altKey: event.altKey,
          inTextField: inTextField(event.target),
          onActivatable: onActivatable(event.target),
        },
        palette,
      );
      if (!action) return;
      if (action.type === 'escape' && inTextField(event.target)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.repeat && action.type !== 'undo' && action.type !== 'redo') return;
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [palette, enabled]);
}
