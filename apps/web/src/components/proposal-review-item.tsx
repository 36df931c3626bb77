import { useId, useState } from 'react';
import { PROPOSAL_DECISION_REASON_MAX, type ProposalView } from '@opsquest/contracts';
import { fieldErrorsOf } from '../api/admin.queries';
import { isApiRequestError } from '../api/http';
import { useDecideProposal } from '../api/missions.queries';
import { AdminFieldError, describedBy } from './admin-field-error';
import { ProposalSummary } from './proposal-summary';

/** One pending proposal for a lead: approve or reject, each with a reason the proposer reads. */
export function ProposalReviewItem({ proposal }: { proposal: ProposalView }) {
  const decide = useDecideProposal();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const errors = fieldErrorsOf(decide.error);
  const otherError = decide.isError && !isApiRequestError(decide.error, 400) ? decide.error.message : undefined;
  const send = (decision: 'approve' | 'reject'): void => decide.mutate({ id: proposal.id, decision, reason: reason.trim() });
  return (
    <li className="proposal-item" data-testid="proposal-review" data-proposal-id={proposal.id}>
      <ProposalSummary proposal={proposal} />
      <div className="field">
        <label className="field__label" htmlFor={reasonId}>
          Reason for {proposal.proposedBy.name}
        </label>
        <textarea
          id={reasonId}
          rows={2}
          maxLength={PROPOSAL_DECISION_REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason !== undefined}
          aria-describedby={describedBy(errors.reason !== undefined && `${reasonId}-e`)}
        />
        <AdminFieldError id={`${reasonId}-e`} message={errors.reason} />
      </div>
      {otherError && (
        <p className="form__error" role="alert">
          {otherError}
        </p>
      )}
      <div className="proposal-item__actions">
        <button type="button" className="button button--success" disabled={decide.isPending} onClick={() => send('approve')} aria-label={`Approve ${proposal.title}`}>
          Approve
        </button>
        <button type="button" className="button button--danger" disabled={decide.isPending} onClick={() => send('reject')} aria-label={`Reject ${proposal.title}`}>
          Reject
        </button>
      </div>
    </li>
  );
}
