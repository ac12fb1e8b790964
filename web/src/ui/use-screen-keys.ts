/**
 * A screen's keyboard shortcuts, listened to on the window while `enabled`. `resolve` turns a key
 * press into the screen's action (or null: not ours, or typing); a dialog open over the screen
 * keeps its keys. With `capture`, the screen sees keys before the widgets on it (drawing libraries).
 */
import { useEffect, useRef } from 'react';

export interface ScreenKeysOptions<A> {
  capture?: boolean;
  /** Actions that repeat while the key is held (undo, say); others fire once per press. */
  repeats?(action: A): boolean;
}

export function useScreenKeys<A>(enabled: boolean, resolve: (event: KeyboardEvent) => A | null, onAction: (action: A) => void, options: ScreenKeysOptions<A> = {}): void {
  const latest = useRef({ resolve, onAction, repeats: options.repeats });
  latest.current = { resolve, onAction, repeats: options.repeats };
  const capture = options.capture ?? false;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      const action = latest.current.resolve(event);
      if (action === null) return;
      event.preventDefault();
      if (capture) event.stopImmediatePropagation();
      if (event.repeat && !latest.current.repeats?.(action)) return;
      latest.current.onAction(action);
    };
    window.addEventListener('keydown', onKeyDown, { capture });
    return () => window.removeEventListener('keydown', onKeyDown, { capture });
  }, [enabled, capture]);
}
