import { useMyWithheld } from '../api/review.queries';
import { formatWhen } from '../lib/format';
import { Panel } from './panel';

const STATUS: Record<string, string> = { held: 'waiting for your lead', released: 'released', rejected: 'not released', final: 'not scored' };

/** Points I did not get, and why: over a rule's cap, or held for my lead (and the decision, once made). */
export function WithheldList() {
  const withheld = useMyWithheld();
  if (!withheld.data || withheld.data.length === 0) return null;
  return (
    <Panel title="Not scored" testId="withheld-panel" meta={`${withheld.data.length}`}>
      <ul className="held">
        {withheld.data.map((w) => (
          <li key={w.entryId} className="held__row" data-testid="withheld-entry" data-status={w.status}>
            <p className="held__what">
              {w.points} points · {STATUS[w.status] ?? w.status}
              {w.decisionReason ? ` (${w.decisionReason})` : ''}
            </p>
            <p className="held__why">
              {w.detail} · {formatWhen(w.at)}
            </p>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
