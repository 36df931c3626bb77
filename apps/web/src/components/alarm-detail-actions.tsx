import type { WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';

/** Acknowledge (or undo it) and clear, from the alarm page. */
export function AlarmDetailActions({ alarm }: { alarm: WorkItemView }) {
  const { act, isPending, pendingAction } = useWorkItemAction();
  if (!alarm.open) return <p className="alarm-detail__closed">This alarm is closed.</p>;
  const acknowledged = alarm.ackState === 'acknowledged';
  return (
    <div className="item__actions" data-testid="alarm-actions">
      <button
        type="button"
        className={`button ${acknowledged ? 'button--secondary' : 'button--primary'}`}
        aria-disabled={isPending || undefined}
        data-pending={pendingAction === 'acknowledge' || pendingAction === 'unacknowledge' || undefined}
        onClick={() => act(alarm.id, { action: acknowledged ? 'unacknowledge' : 'acknowledge' })}
      >
        {acknowledged ? 'Undo ack' : 'Acknowledge'}
      </button>
      <button
        type="button"
        className="button button--success"
        aria-disabled={isPending || undefined}
        data-pending={pendingAction === 'clear' || undefined}
        onClick={() => act(alarm.id, { action: 'clear' })}
      >
        Clear
      </button>
    </div>
  );
}
