import type { ProposalView } from '@opsquest/contracts';
import { ProposalSummary } from './proposal-summary';

const STATUS_TEXT: Record<ProposalView['status'], string> = { pending: 'Waiting for a decision', approved: 'Approved', rejected: 'Rejected' };

/** Proposals with their status, and the lead's decision and reason once decided. */
export function ProposalList({ proposals }: { proposals: ProposalView[] }) {
  return (
    <ul className="proposal-list">
      {proposals.map((p) => (
        <li key={p.id} className={`proposal-item proposal-item--${p.status}`} data-testid="my-proposal" data-proposal-id={p.id} data-status={p.status}>
          <ProposalSummary proposal={p} />
          <p className="proposal-item__status">
            <span className={`tag tag--small proposal-status--${p.status}`}>{STATUS_TEXT[p.status]}</span>
            {p.decidedBy && <span> by {p.decidedBy.name}</span>}
          </p>
          {p.reason && (
            <p className="proposal-item__reason" data-testid="proposal-reason">
              Reason: {p.reason}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
