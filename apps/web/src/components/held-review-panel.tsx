import { useId, useState } from 'react';
import { REVIEW_REASON_MAX, REVIEW_REASON_MIN, type WithheldAwardView } from '@opsquest/contracts';
import { useDecideHeld, useHeldAwards } from '../api/review.queries';
import { formatWhen } from '../lib/format';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';

function HeldRow({ award }: { award: WithheldAwardView }) {
  const decide = useDecideHeld();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const fieldId = useId();
  const send = (decision: 'release' | 'reject'): void => {
    if (reason.trim().length < REVIEW_REASON_MIN) {
      setError(`Reason: say why, in at least ${REVIEW_REASON_MIN} characters.`);
      return;
    }
    setError(undefined);
    decide.mutate({ entryId: award.entryId, decision, reason: reason.trim() });
  };
  return (
    <li className="held__row" data-testid="held-award">
      <p className="held__what">
        <strong>{award.personName ?? 'Someone'}</strong> · {award.points} points · {award.reason}
      </p>
      <p className="held__why">
        {award.detail} · {formatWhen(award.at)}
      </p>
      <div className="held__decide">
        <label htmlFor={fieldId} className="visually-hidden">
          Reason for your decision on {award.personName ?? 'these'} points
        </label>
        <input id={fieldId} className="held__reason" placeholder="Reason" value={reason} minLength={REVIEW_REASON_MIN} maxLength={REVIEW_REASON_MAX} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} />
        <button type="button" className="button button--success button--small" aria-disabled={decide.isPending || undefined} onClick={() => send('release')}>
          Release
        </button>
        <button type="button" className="button button--secondary button--small" aria-disabled={decide.isPending || undefined} onClick={() => send('reject')}>
          Reject
        </button>
      </div>
      {error && (
        <p className="held__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Bursts far above a person's usual rate are held, not scored: the lead looks and decides, with a reason. */
export function HeldReviewPanel() {
  const held = useHeldAwards(true);
  return (
    <Panel title="Held for review" testId="held-review-panel" meta={held.data ? `${held.data.length} waiting` : undefined}>
      {held.isPending && <LoadingState label="Loading held points…" />}
      {held.isError && <ErrorState title="Could not load held points" error={held.error} onRetry={() => void held.refetch()} />}
      {held.data?.length === 0 && <EmptyState title="Nothing held">Points are held here when someone scores far above their usual hourly rate.</EmptyState>}
      {held.data && held.data.length > 0 && (
        <ul className="held">
          {held.data.map((award) => (
            <HeldRow key={award.entryId} award={award} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
