import { useEffect } from 'react';
import { isTypingTarget } from '../hooks/board-key-action';
import { pendingActionsStore, usePendingActions, type PendingAction } from '../stores/pending-actions.store';

export function pendingVerb(entry: Pick<PendingAction, 'action'>): string {
  return entry.action === 'acknowledge' ? 'Acknowledging…' : 'Clearing…';
}

/**
 * The snackbar for acknowledges and clears that have not been sent yet, each with Undo; `z` or
 * Ctrl+Z undoes the latest. Shown on every signed-in page, so leaving the board keeps the undo.
 */
export function PendingUndoBar() {
  const pending = usePendingActions((state) => state.pending);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || event.altKey || event.metaKey) return;
      const undoKey = (event.key === 'z' && !event.ctrlKey) || (event.key === 'z' && event.ctrlKey && !event.shiftKey);
      if (!undoKey || isTypingTarget(event.target) || pendingActionsStore.getState().pending.length === 0) return;
      event.preventDefault();
      pendingActionsStore.getState().undo();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="pending-undo" role="status" aria-live="polite" data-testid="pending-undo">
      {pending.map((entry) => (
        <div key={entry.id} className="pending-undo__item" data-testid="pending-undo-item" data-action={entry.action}>
          <span>
            {pendingVerb(entry)} <strong>{entry.label}</strong>
          </span>
          <button type="button" className="button button--secondary button--small" onClick={() => pendingActionsStore.getState().undo(entry.id)} data-testid="pending-undo-button">
            Undo <kbd>z</kbd>
          </button>
        </div>
      ))}
    </div>
  );
}
