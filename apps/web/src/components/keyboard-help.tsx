import { useEffect, useId, useRef } from 'react';

export const BOARD_SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['j'], what: 'Next alarm' },
  { keys: ['k'], what: 'Previous alarm' },
  { keys: ['a'], what: 'Acknowledge the current alarm' },
  { keys: ['c'], what: 'Clear the current alarm' },
  { keys: ['x'], what: 'Tick or untick the current alarm for a bulk action' },
  { keys: ['z', 'Ctrl+Z'], what: 'Undo the latest acknowledge or clear: nothing is sent for 5 seconds' },
  { keys: ['Enter'], what: 'Open the current alarm' },
  { keys: ['/'], what: 'Search' },
  { keys: ['?'], what: 'Show this help' },
  { keys: ['Esc'], what: 'Close this help' },
];

/** The board's shortcuts in a modal dialog (native <dialog>: focus is trapped, Esc closes). */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog keyboard-help" aria-labelledby={titleId} onClose={onClose} data-testid="keyboard-help">
      <h2 id={titleId} className="dialog__title">
        Keyboard shortcuts
      </h2>
      <p className="dialog__hint">On the alarm board, when you are not typing in a field.</p>
      <p className="dialog__hint" data-testid="keyboard-help-focus-rule">
        a, c and x act only on the alarm you moved to with j/k or clicked: after an action, or when the list changes, choose again.
      </p>
      <dl className="keyboard-help__list">
        {BOARD_SHORTCUTS.map((s) => (
          <div key={s.what} className="keyboard-help__row">
            <dt>
              {s.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="button button--secondary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
