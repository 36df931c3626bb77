import type { LeaderboardEntry, LeaderboardView } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';

interface LeaderboardTableProps {
  view: LeaderboardView;
  caption: string;
  id: string;
}

function Row({ entry, showTeam, mine }: { entry: LeaderboardEntry; showTeam: boolean; mine: boolean }) {
  return (
    <tr className={mine ? 'leaderboard__row leaderboard__row--me' : 'leaderboard__row'} data-testid="leaderboard-row" data-id={entry.id} data-me={mine || undefined} aria-current={mine ? 'true' : undefined}>
      <td className="leaderboard__rank">
        <span className={entry.rank <= 3 ? `medal medal--${entry.rank}` : undefined}>{entry.rank}</span>
      </td>
      <th scope="row" className="leaderboard__name">
        {entry.name}
        {mine && <span className="tag tag--me">you</span>}
      </th>
      {showTeam && <td>{entry.team ?? '—'}</td>}
      <td className="leaderboard__points">{formatNumber(entry.points)}</td>
    </tr>
  );
}

/** Rank, name, team, points; my row highlighted, and appended below when I am outside the list. */
export function LeaderboardTable({ view, caption, id }: LeaderboardTableProps) {
  const showTeam = view.scope === 'individual';
  const myId = view.me?.id;
  const meListed = myId !== undefined && view.entries.some((e) => e.id === myId);
  const columns = showTeam ? 4 : 3;
  return (
    <div className="table-scroll" id={id} role="tabpanel" tabIndex={0} aria-label={caption}>
      <table className="leaderboard" data-testid="leaderboard-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="leaderboard__rank">
              Rank
            </th>
            <th scope="col">{view.scope === 'team' ? 'Team' : 'Name'}</th>
            {showTeam && <th scope="col">Team</th>}
            <th scope="col" className="leaderboard__points">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {view.entries.length === 0 ? (
            <tr>
              <td colSpan={columns} className="leaderboard__empty">
                Nobody has scored in this period yet. Be the first.
              </td>
            </tr>
          ) : (
            view.entries.map((entry) => <Row key={entry.id} entry={entry} showTeam={showTeam} mine={entry.id === myId} />)
          )}
        </tbody>
        {view.me !== undefined && !meListed && (
          <tfoot>
            <tr className="leaderboard__gap" aria-hidden="true">
              <td colSpan={columns}>⋯</td>
            </tr>
            <Row entry={view.me} showTeam={showTeam} mine />
          </tfoot>
        )}
      </table>
    </div>
  );
}
