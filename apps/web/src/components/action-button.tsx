import type { WorkAction } from '@opsquest/contracts';

export interface ActionButtonProps {
  action: WorkAction;
  label: string;
  tone: 'primary' | 'secondary' | 'success';
  /** the row's title element, so a screen reader hears which item the button acts on */
  describedBy: string;
  /** an action of this row is in flight: buttons stay focusable but do nothing */
  busy: boolean;
  pendingAction: WorkAction | undefined;
  disabled?: boolean;
  onAct: (action: WorkAction) => void;
}

/** One action on a work item row (Acknowledge, Clear, Start, Complete, ...). */
export function ActionButton({ action, label, tone, describedBy, busy, pendingAction, disabled, onAct }: ActionButtonProps) {
  return (
    <button
      type="button"
      className={`button button--${tone}`}
      aria-describedby={describedBy}
      disabled={disabled}
      aria-disabled={busy || undefined}
      data-pending={pendingAction === action || undefined}
      onClick={() => onAct(action)}
    >
      {label}
    </button>
  );
}
