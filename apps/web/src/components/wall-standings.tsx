import type { ReactNode } from 'react';
import type { LeaderboardEntry } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';

interface WallStandingsProps {
  title: string;
  entries: readonly LeaderboardEntry[];
  /** 'team' rows get bars and the biggest type */
  kind: 'team' | 'person';
  empty: string;
  /** a short line under a row's name, by entry id (a team's customers protected) */
  notes?: ReadonlyMap<string, string>;
  /** below the list */
  footer?: ReactNode;
}

/** A leaderboard for the wall: rank, name, points and a bar relative to the leader. */
export function WallStandings({ title, entries, kind, empty, notes, footer }: WallStandingsProps) {
  const top = Math.max(1, ...entries.map((e) => e.points));
  return (
    <section className={`wall-card wall-standings wall-standings--${kind}`} aria-label={title} data-testid={`wall-${kind}s`}>
      <h2 className="wall-card__title">{title}</h2>
      {entries.length === 0 ? (
        <p className="wall-card__empty">{empty}</p>
      ) : (
        <ol className="wall-standings__list">
          {entries.map((entry) => (
            <li key={entry.id} className="wall-standings__row" data-testid={`wall-${kind}`} data-id={entry.id} data-points={entry.points}>
              <span className={`wall-standings__rank${entry.rank <= 3 ? ` medal medal--${entry.rank}` : ''}`}>
                <span className="visually-hidden">Rank </span>
                {entry.rank}
              </span>
              <span className="wall-standings__name">
                {entry.name}
                {kind === 'person' && entry.team !== undefined && <span className="wall-standings__team">{entry.team}</span>}
                {entry.id !== undefined && notes?.has(entry.id) === true && (
                  <span className="wall-standings__team" data-testid="wall-team-protected">
                    {notes.get(entry.id)}
                  </span>
                )}
              </span>
              <span className="wall-standings__points">
                {formatNumber(entry.points)}
                <span className="wall-standings__unit"> pts</span>
              </span>
              {kind === 'team' && (
                <span className="wall-standings__bar" aria-hidden="true">
                  <span className="wall-standings__fill" style={{ width: `${Math.max(2, (entry.points / top) * 100)}%` }} />
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {footer}
    </section>
  );
}
