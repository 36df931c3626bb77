import { useEffect, useRef } from 'react';
import { boardKeyAction, type BoardKeyAction } from './board-key-action';

export type BoardKeyHandlers = Record<BoardKeyAction, () => void>;

/**
 * Single-key shortcuts for the alarm board, listened for on the document. They never fire while
 * typing in a field, with Ctrl/Alt/Meta held, or while a modal dialog is open.
 */
export function useBoardKeys(handlers: BoardKeyHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]')) return;
      const action = boardKeyAction(event);
      if (action === undefined) return;
      event.preventDefault();
      latest.current[action]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
