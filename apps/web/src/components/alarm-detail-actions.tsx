import type { WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { mayUnacknowledge } from '../lib/may-unacknowledge';
import { pendingActionsStore, pendingFor, usePendingActions } from '../stores/pending-actions.store';
import { useSignedInUser } from '../stores/session.store';
import { pendingVerb } from './pending-undo-bar';

/** Acknowledge (or undo it, on one's own acknowledgement) and clear, from the alarm page; acknowledge and clear wait 5 s for an undo. */
export function AlarmDetailActions({ alarm }: { alarm: WorkItemView }) {
  const user = useSignedInUser();
  const { act, actLater, isPending, pendingAction } = useWorkItemAction();
  const waiting = usePendingActions((state) => pendingFor(state, alarm.id));
  if (!alarm.open) return <p className="alarm-detail__closed">This alarm is closed.</p>;
  if (waiting)
    return (
      <div className="item__actions" data-testid="alarm-actions">
        <p className="alarm-row__pending" data-testid="row-pending">
          {pendingVerb(waiting)}
          <button type="button" className="button button--secondary" onClick={() => pendingActionsStore.getState().undo(waiting.id)} data-testid="row-undo">
            Undo
          </button>
        </p>
      </div>
    );
  const acknowledged = alarm.ackState === 'acknowledged';
  const busy = isPending || undefined;
  return (
    <div className="item__actions" data-testid="alarm-actions">
      {!acknowledged ? (
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          data-pending={pendingAction === 'acknowledge' || undefined}
          onClick={() => {
            if (!isPending) actLater(alarm, 'acknowledge');
          }}
        >
          Acknowledge
        </button>
      ) : (
        mayUnacknowledge(alarm, user) && (
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={busy}
            data-pending={pendingAction === 'unacknowledge' || undefined}
            onClick={() => act(alarm.id, { action: 'unacknowledge' })}
          >
            Undo ack
          </button>
        )
      )}
      <button
        type="button"
        className="button button--success"
        aria-disabled={busy}
        data-pending={pendingAction === 'clear' || undefined}
        onClick={() => {
          if (!isPending) actLater(alarm, 'clear');
        }}
      >
        Clear
      </button>
    </div>
  );
}
